//! A hash that stays the same across builds, platforms and runs, for identities written to
//! disk or compared between processes (std's hasher is seeded per process).

/// FNV-1a (64 bits) of `bytes`, as 16 hex digits.
#[must_use]
pub fn fnv1a_hex(bytes: impl IntoIterator<Item = u8>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(fnv1a_hex([]), "cbf29ce484222325");
        assert_eq!(fnv1a_hex(*b"a"), "af63dc4c8601ec8c");
    }
}
