//! Zipf-distributed rank sampling: rank `r` (0-based) is drawn with probability
//! proportional to `1 / (r + 1)^s`.

use super::rng::Rng;

/// A precomputed cumulative table for drawing ranks `0..n` with Zipf exponent `s`.
#[derive(Debug, Clone)]
pub(crate) struct Zipf {
    /// Cumulative weights scaled to `u64`, strictly increasing, last = `u64::MAX`-ish.
    cdf: Vec<u64>,
}

impl Zipf {
    /// A sampler over `n > 0` ranks with exponent `s` (about 1 for natural-language words).
    pub(crate) fn new(n: usize, s: f64) -> Self {
        assert!(n > 0, "Zipf over an empty range");
        let weights: Vec<f64> = (1..=n).map(|r| 1.0 / (r as f64).powf(s)).collect();
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let scale = u64::MAX as f64;
        let mut cdf: Vec<u64> = weights
            .iter()
            .map(|w| {
                acc += w;
                ((acc / total) * scale) as u64
            })
            .collect();
        *cdf.last_mut().expect("n > 0") = u64::MAX;
        Zipf { cdf }
    }

    /// Number of ranks.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.cdf.len()
    }

    /// Draws a rank in `0..len()`.
    pub(crate) fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.next_u64();
        self.cdf.partition_point(|&c| c < x).min(self.cdf.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_ranks_dominate_and_every_rank_is_reachable() {
        let z = Zipf::new(50, 1.0);
        let mut r = Rng::new(11);
        let mut counts = vec![0u32; z.len()];
        for _ in 0..200_000 {
            counts[z.sample(&mut r)] += 1;
        }
        // Rank 1 is about twice rank 2 and ten times rank 10 for s = 1.
        let ratio = counts[0] as f64 / counts[1] as f64;
        assert!((1.8..2.2).contains(&ratio), "{ratio}");
        let ratio10 = counts[0] as f64 / counts[9] as f64;
        assert!((8.5..11.5).contains(&ratio10), "{ratio10}");
        assert!(counts.iter().all(|&c| c > 0));
    }

    #[test]
    fn single_rank() {
        let z = Zipf::new(1, 1.0);
        let mut r = Rng::new(0);
        assert_eq!(z.sample(&mut r), 0);
    }
}
