// vacancy-search: the search page. No framework; all state lives in the URL.
import { MESSAGES, UI_LANGS, countryName, languageName, pickLanguage } from "./i18n.js";

const FACETS = ["grade", "unit", "department", "organization", "duty_station", "contract_type",
  "language", "country", "region", "subregion", "skill", "occupation"];
const DATE_PARAMS = ["published_after", "published_before", "closing_after", "closing_before"];
const SORTS = ["relevance", "published", "closing"];
const DEFAULT_PER_PAGE = 20;
const MAX_PAGE_DEPTH = 10000;
const DEBOUNCE_MS = 250;
const FACET_PREVIEW = 8;
const LANG_KEY = "vacancy-search.lang";
/** Skill chips shown on a result before "+N". */
const HIT_SKILLS = 4;
/** Letters typed before skills are suggested (search box and skills facet). */
const SUGGEST_MIN = 2;
const SUGGEST_MS = 180;
const SUGGEST_LIMIT = 8;

const $ = (id) => document.getElementById(id);
const el = {
  form: $("search-form"), q: $("q"), lang: $("lang-select"), openOnly: $("open-only"),
  sort: $("sort"), groups: $("facet-groups"), clearAll: $("clear-all"), count: $("result-count"),
  pageInfo: $("page-info"), results: $("results"), resultsHeading: $("results-heading"),
  pagination: $("pagination"), empty: $("empty"), error: $("error"), chips: $("active-filters"),
  filters: $("filters"), filtersToggle: $("filters-toggle"), filtersClose: $("filters-close"),
  filtersBadge: $("filters-badge"), posting: $("posting"), postingBody: $("posting-body"),
  postingClose: $("posting-close"), main: $("main"), home: $("home-link"), suggestions: $("q-suggestions"),
};

// -- state and URL

let state = readUrl();
let lang = pickLanguage(new URLSearchParams(location.search).get("lang"), savedLang(), navigator.languages || [navigator.language]);
let lastResponse = null;
let lastApiQuery = null;
let searchError = null;
let inflight = null;
let typingTimer = 0;
let typingPushed = false;
const expanded = new Set();
const postingCache = new Map();
let postingShown = null;

function emptyFilters() {
  return Object.fromEntries(FACETS.map((f) => [f, []]));
}

function readUrl() {
  const p = new URLSearchParams(location.search);
  const filters = emptyFilters();
  for (const f of FACETS) filters[f] = [...new Set(p.getAll(f).filter((v) => v !== ""))];
  const dates = {};
  for (const d of DATE_PARAMS) if (/^\d{4}-\d{2}-\d{2}$/.test(p.get(d) || "")) dates[d] = p.get(d);
  const page = Number.parseInt(p.get("page") || "1", 10);
  const perPage = Number.parseInt(p.get("per_page") || "", 10);
  return {
    q: p.get("q") || "",
    filters,
    dates,
    open: p.get("open") !== "false",
    sort: SORTS.includes(p.get("sort")) ? p.get("sort") : "relevance",
    page: page > 0 ? page : 1,
    perPage: perPage > 0 && perPage <= 100 ? perPage : DEFAULT_PER_PAGE,
    posting: p.get("posting") || null,
  };
}

/** Query string of the search itself (shared by the page URL and the API call). */
function searchParams(s, forApi) {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", forApi ? s.q.trim() : s.q);
  for (const f of FACETS) for (const v of s.filters[f]) p.append(f, v);
  for (const d of DATE_PARAMS) if (s.dates[d]) p.set(d, s.dates[d]);
  if (forApi) {
    // Skill and occupation labels come in the interface language; it is also the searcher's
    // language, whose postings rank first where they match as well.
    p.set("lang", lang);
    if (s.open) p.set("open", "true");
  } else if (!s.open) {
    p.set("open", "false");
  }
  if (forApi || s.sort !== "relevance") p.set("sort", s.sort);
  if (forApi || s.page > 1) p.set("page", String(s.page));
  if (forApi || s.perPage !== DEFAULT_PER_PAGE) p.set("per_page", String(s.perPage));
  return p;
}

function pageUrl(s, posting = s.posting) {
  const p = searchParams(s, false);
  p.set("lang", lang);
  if (posting) p.set("posting", posting);
  return "?" + p.toString();
}

/** Writes the state to the URL ("push" or "replace") and brings the page up to date. */
function commit(mode, extra = {}) {
  const url = pageUrl(state);
  if (url !== location.search) {
    if (mode === "push") history.pushState({ ...extra }, "", url);
    else history.replaceState({ ...(history.state || {}), ...extra }, "", url);
  }
  update();
}

function savedLang() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

// -- text helpers

function t(key, vars = {}) {
  let msg = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  if (typeof msg === "object") {
    const n = Number(vars.n ?? 0);
    const form = new Intl.PluralRules(lang).select(n);
    msg = msg[form] ?? msg.other;
  }
  return msg.replace(/\{(\w+)\}/g, (_, k) => {
    if (!(k in vars)) return `{${k}}`;
    return typeof vars[k] === "number" ? fmtNumber(vars[k]) : String(vars[k]);
  });
}

const fmtNumber = (n) => new Intl.NumberFormat(lang).format(n);

function parseDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : null;
}

function fmtDate(iso) {
  const ms = parseDate(iso);
  if (ms === null) return iso || "";
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(ms);
}

function todayUtc() {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
}

/** { text, tone } describing a closing date relative to today (local calendar day). */
function closingStatus(iso) {
  const ms = parseDate(iso);
  if (ms === null) return null;
  const days = Math.round((ms - todayUtc()) / 86400000);
  if (days < 0) return { text: t("closed"), tone: "closed" };
  if (days === 0) return { text: t("closesToday"), tone: "urgent" };
  if (days === 1) return { text: t("closesTomorrow"), tone: "urgent" };
  return { text: t("closesIn", { n: days }), tone: days <= 7 ? "soon" : "later" };
}

// -- labels of ESCO skills and ISCO-08 groups, as the API gave them (per language)

const conceptLabels = new Map();
const conceptKey = (facet, value, language = lang) => `${language}\u0000${facet}\u0000${value}`;

function rememberLabel(facet, value, label, language = lang) {
  if (value && label) conceptLabels.set(conceptKey(facet, value, language), label);
}

/** Keeps the labels a search response gives: facet values, hits' skills and occupations. */
function rememberLabels(resp, language) {
  for (const facet of ["skill", "occupation"]) {
    for (const e of resp.facets?.[facet] || []) rememberLabel(facet, e.value, e.label, language);
  }
  for (const hit of resp.hits || []) {
    for (const s of hit.skills || []) rememberLabel("skill", s.id, s.label, language);
    if (hit.occupation) rememberLabel("occupation", hit.occupation.isco, hit.occupation.isco_label, language);
  }
  for (const s of resp.recognized_skills || []) rememberLabel("skill", s.id, s.label, language);
}

/** Human label of a facet value. */
function valueLabel(facet, value) {
  if (value == null) return "";
  const m = MESSAGES[lang];
  switch (facet) {
    case "skill":
    case "occupation": return conceptLabels.get(conceptKey(facet, value)) || value;
    case "contract_type": return m.contract[value] || MESSAGES.en.contract[value] || value;
    case "language": return languageName(lang, value);
    case "country": return countryName(lang, value);
    case "region":
    case "subregion": return m.region[value] || value;
    case "grade": return m.grade[value] || value;
    default: return value;
  }
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

// -- static labels

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = state.q.trim() ? `${state.q.trim()} – ${t("appTitle")}` : t("appTitle");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  el.lang.value = lang;
}

// -- search

function update() {
  syncControls();
  runSearch();
  syncPosting();
}

function syncControls() {
  if (document.activeElement !== el.q || el.q.value.trim() !== state.q.trim()) el.q.value = state.q;
  el.openOnly.checked = state.open;
  el.sort.value = state.sort;
  document.title = state.q.trim() ? `${state.q.trim()} – ${t("appTitle")}` : t("appTitle");
}

async function runSearch() {
  const query = searchParams(state, true).toString();
  if (query === lastApiQuery && inflight) return; // the same search is already on its way
  if (query === lastApiQuery && (lastResponse || searchError)) {
    render();
    return;
  }
  inflight?.abort();
  const controller = new AbortController();
  inflight = controller;
  lastApiQuery = query;
  el.main.setAttribute("aria-busy", "true");
  el.main.classList.add("loading");
  try {
    const body = await getJson("/api/search?" + query, controller.signal);
    if (controller !== inflight) return;
    rememberLabels(body, new URLSearchParams(query).get("lang"));
    lastResponse = body;
    searchError = null;
    const pages = pageCount(body);
    if ((body.hits || []).length === 0 && state.page > 1 && pages >= 1 && state.page > pages) {
      state.page = pages;
      commit("replace");
      return;
    }
  } catch (err) {
    if (err.name === "AbortError" || controller !== inflight) return;
    searchError = err;
    lastResponse = null;
  } finally {
    if (controller === inflight) {
      inflight = null;
      el.main.removeAttribute("aria-busy");
      el.main.classList.remove("loading");
    }
  }
  render();
  // A posting opened before the search answered gets its skill chips once their labels are known.
  const shown = postingShown && el.posting.open ? postingCache.get(postingShown.id) : null;
  if (shown && !el.postingBody.querySelector("[data-testid=panel-skills]") && panelSkills(shown).length) {
    renderPosting(postingShown.id);
  }
}

class ApiError extends Error {}

async function getJson(url, signal) {
  let res;
  try {
    res = await fetch(url, { signal, headers: apiHeaders() });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(t("errorNetwork"));
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const msg = body?.error?.message;
    throw new ApiError(msg ? String(msg) : t("errorStatus", { status: res.status }));
  }
  if (!body || typeof body !== "object") throw new ApiError(t("errorStatus", { status: res.status }));
  return body;
}

function pageCount(resp) {
  const per = resp.per_page || state.perPage;
  const pages = Math.ceil((resp.total || 0) / per);
  return Math.min(pages, Math.floor(MAX_PAGE_DEPTH / per));
}

function filterCount() {
  return FACETS.reduce((n, f) => n + state.filters[f].length, 0) + Object.keys(state.dates).length;
}

// -- rendering

function render() {
  renderFollow();
  renderError();
  renderCount();
  renderSuggestion();
  renderRecognized();
  renderResults();
  renderPagination();
  renderFacets();
  renderChips();
}

/** The "follow this search" link: the Atom feed of the current search (newest first unless sorted otherwise). */
function renderFollow() {
  const p = searchParams(state, true);
  p.delete("page");
  p.delete("per_page");
  if (p.get("sort") === "relevance") p.delete("sort");
  const link = $("follow-search");
  link.href = "/api/search.atom" + (p.toString() ? "?" + p.toString() : "");
  // The analytics page of the same search (same parameters, paging and order aside).
  const analytics = searchParams(state, false);
  for (const key of ["sort", "page", "per_page"]) analytics.delete(key);
  analytics.set("lang", lang);
  $("analytics-link").href = "/analytics?" + analytics.toString();
}

/** Address of a posting's own page (server-rendered), in the interface language. */
function postingPagePath(id) {
  return "/postings/" + encodeURIComponent(id) + "?lang=" + lang;
}

function renderError() {
  el.error.replaceChildren();
  el.error.hidden = !searchError;
  if (!searchError) return;
  el.error.append(
    h("p", { class: "notice-title", text: t("errorTitle") }),
    h("p", { text: searchError.message }),
    h("button", { type: "button", class: "btn btn-secondary", text: t("retry"), onclick: () => { lastApiQuery = null; runSearch(); } }),
  );
}

function renderCount() {
  if (searchError || !lastResponse) {
    el.count.textContent = "";
    delete el.count.dataset.total;
    el.pageInfo.textContent = "";
    return;
  }
  const total = lastResponse.total || 0;
  el.count.dataset.total = String(total);
  el.count.textContent = total === 0 ? t("countNone") : t("count", { n: total });
  const pages = pageCount(lastResponse);
  el.pageInfo.textContent = pages > 1 ? t("pageInfo", { page: Math.min(state.page, pages), pages }) : "";
}

/**
 * Headers of API calls: the interface language goes as Accept-Language, a hint the server
 * uses for the query language when the query's own words do not decide.
 */
function apiHeaders() {
  return { Accept: "application/json", "Accept-Language": lang };
}

/**
 * "Did you mean …?" above the results when the server corrected a typo; else a note when the
 * query's punctuation could not be read as syntax and its words were searched. Before either,
 * the filler words not searched (`looking`, `job`) and a note when no posting had every word
 * searched and the results have some of them.
 */
function renderSuggestion() {
  let box = document.getElementById("did-you-mean");
  if (!box) {
    box = h("p", { id: "did-you-mean", class: "did-you-mean", "data-testid": "did-you-mean" });
    el.results.before(box);
  }
  const suggestion = !searchError && lastResponse ? lastResponse.did_you_mean : null;
  const asWords = !searchError && lastResponse ? lastResponse.read_as_words === true : false;
  const relaxed = !searchError && lastResponse ? lastResponse.relaxed === true : false;
  const leftOut = !searchError && lastResponse ? lastResponse.left_out || [] : [];
  box.hidden = !suggestion && !asWords && !relaxed && !leftOut.length;
  box.replaceChildren();
  if (leftOut.length) {
    box.append(h("span", { text: t("leftOut").replace("{words}", leftOut.join(" ")), "data-testid": "left-out" }), " ");
  }
  if (relaxed) box.append(h("span", { text: t("relaxedSome"), "data-testid": "relaxed" }), " ");
  if (!suggestion) {
    if (asWords) box.append(h("span", { text: t("readAsWords"), "data-testid": "read-as-words" }));
    return;
  }
  const link = h("button", {
    type: "button", class: "btn btn-link", text: suggestion, "data-testid": "did-you-mean-query",
    onclick: () => {
      el.q.value = suggestion;
      state.q = suggestion;
      state.page = 1;
      commit("push");
    },
  });
  const [before, after = ""] = t("didYouMean").split("{query}");
  box.append(before, link, after);
}

function renderResults() {
  const hits = !searchError && lastResponse ? lastResponse.hits || [] : [];
  el.results.replaceChildren(...hits.map(renderHit));
  const empty = !searchError && lastResponse && (lastResponse.total || 0) === 0;
  el.empty.hidden = !empty;
  el.empty.replaceChildren();
  if (!empty) return;
  const actions = h("div", { class: "notice-actions" });
  const nFilters = filterCount();
  if (nFilters) actions.append(h("button", { type: "button", class: "btn btn-primary", text: t("clearFilters"), "data-testid": "clear-filters", onclick: clearFilters }));
  if (state.open) actions.append(h("button", { type: "button", class: "btn btn-secondary", text: t("includeClosed"), onclick: () => setOpen(false) }));
  el.empty.append(
    h("p", { class: "notice-title", text: t("emptyTitle") }),
    h("p", { text: nFilters ? t("emptyHintFilters") : state.open ? t("emptyHintOpen") : t("emptyHintQuery") }),
    actions,
  );
}

function placeText(hit) {
  const station = hit.duty_station || "";
  const country = hit.country ? countryName(lang, hit.country) : "";
  if (!station) return country;
  if (!country || station.toLowerCase().includes(country.toLowerCase())) return station;
  return `${station}, ${country}`;
}

function closingNode(iso, withLabel) {
  const status = closingStatus(iso);
  if (!status) return h("span", { class: "closing closing-none", text: t("noClosing") });
  return h("span", { class: `closing closing-${status.tone}` },
    h("span", { class: "closing-badge", text: status.text }), " ",
    withLabel ? h("span", { class: "visually-hidden", text: t("closesOn") + ": " }) : null,
    h("time", { datetime: iso, text: fmtDate(iso) }));
}

function renderHit(hit) {
  const meta = [hit.organization, valueLabel("grade", hit.grade), placeText(hit), valueLabel("contract_type", hit.contract_type)]
    .filter(Boolean).map((text) => h("li", { text }));
  const snippet = h("p", { class: "snippet", lang: hit.language && hit.language !== lang ? hit.language : null });
  // The server escapes the snippet and adds only <mark> tags; it is the one API string inserted as HTML.
  snippet.innerHTML = hit.snippet || "";
  const hasSnippet = snippet.textContent.trim() !== "";
  const link = h("a", {
    href: pageUrl(state, hit.id), class: "hit-link", "data-id": hit.id,
    lang: hit.language && hit.language !== lang ? hit.language : null,
    text: hit.title || t("untitled"),
    onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      openPosting(hit.id);
    },
  });
  const dates = h("p", { class: "hit-dates" }, closingNode(hit.closing, true),
    hit.published ? h("span", { class: "published", text: t("publishedOn", { date: fmtDate(hit.published) }) }) : null);
  return h("li", { class: "hit", "data-testid": "result", "data-id": hit.id },
    h("article", { class: "hit-card" },
      h("h3", { class: "hit-title" }, link),
      meta.length ? h("ul", { class: "hit-meta" }, meta) : null,
      dates,
      hasSnippet ? snippet : null,
      hitSkills(hit),
      h("p", { class: "hit-page" }, h("a", { href: postingPagePath(hit.id), class: "hit-page-link", "data-testid": "posting-page", "data-id": hit.id, text: t("postingPage") }))));
}

/** Results whose every skill shows (their "+N" was pressed). */
const allSkillsShown = new Set();

/** A result's skills as chips, each a link filtering by it; the first few, then "+N". */
function hitSkills(hit) {
  const skills = (hit.skills || []).filter((s) => s && s.id && s.label);
  if (!skills.length) return null;
  const shown = allSkillsShown.has(hit.id) ? skills : skills.slice(0, HIT_SKILLS);
  const rest = skills.length - shown.length;
  const list = h("ul", { class: "skill-chips", "aria-label": t("skillsLabel"), "data-testid": "hit-skills" },
    shown.map((s) => h("li", {}, skillLink(s))));
  if (rest > 0) {
    list.append(h("li", {}, h("button", {
      type: "button", class: "skill-chip skill-more", "data-testid": "skill-more", "aria-expanded": "false",
      "aria-label": t("moreSkills", { n: rest }), text: "+" + fmtNumber(rest),
      onclick: () => {
        allSkillsShown.add(hit.id);
        const full = hitSkills(hit);
        list.replaceWith(full);
        full.querySelectorAll("a")[shown.length]?.focus();
      },
    })));
  }
  return list;
}

/**
 * A link adding `skill` to the skill filter (as its facet box does), in the page's URL form;
 * from the posting panel it closes the panel too.
 */
function skillLink(skill, { fromPanel = false } = {}) {
  const filters = { ...state.filters, skill: [...new Set([...state.filters.skill, skill.id])] };
  const active = !fromPanel && state.filters.skill.includes(skill.id);
  return h("a", {
    class: "skill-chip" + (active ? " skill-chip-active" : ""), href: pageUrl({ ...state, filters, page: 1 }, null),
    "data-skill": skill.id, "data-testid": "skill-chip", title: t("filterBySkill", { label: skill.label }),
    text: skill.label,
    onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      if (fromPanel) state.posting = null;
      if (!active) toggleFilter("skill", skill.id, true);
    },
  });
}

/** "Also showing postings tagged … in other languages" when the query named ESCO skills. */
function renderRecognized() {
  let box = document.getElementById("recognized-skills");
  if (!box) {
    box = h("p", { id: "recognized-skills", class: "recognized", "data-testid": "recognized-skills" });
    el.results.before(box);
  }
  const skills = !searchError && lastResponse && lastResponse.total ? lastResponse.recognized_skills || [] : [];
  box.hidden = !skills.length;
  box.replaceChildren();
  if (!skills.length) return;
  const [before, after = ""] = t("recognizedSkills", { n: skills.length }).split("{skills}");
  box.append(before);
  skills.forEach((s, i) => {
    if (i) box.append(i === skills.length - 1 ? t("listAnd") : ", ");
    box.append(skillLink(s));
  });
  box.append(after);
}

function pageList(current, pages) {
  const set = new Set([1, pages, current, current - 1, current + 1]);
  if (current <= 3) [2, 3, 4].forEach((n) => set.add(n));
  if (current >= pages - 2) [pages - 1, pages - 2, pages - 3].forEach((n) => set.add(n));
  const sorted = [...set].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const out = [];
  sorted.forEach((n, i) => {
    if (i && n - sorted[i - 1] > 1) out.push(null);
    out.push(n);
  });
  return out;
}

function renderPagination() {
  const pages = lastResponse && !searchError ? pageCount(lastResponse) : 0;
  el.pagination.hidden = pages <= 1;
  el.pagination.replaceChildren();
  if (pages <= 1) return;
  const current = Math.min(state.page, pages);
  const list = h("ul");
  list.append(h("li", {}, h("button", { type: "button", class: "btn btn-secondary page-step", "data-testid": "prev-page", disabled: current <= 1, text: "‹ " + t("prev"), onclick: () => goToPage(current - 1) })));
  for (const n of pageList(current, pages)) {
    if (n === null) list.append(h("li", { class: "page-gap", "aria-hidden": "true", text: "…" }));
    else list.append(h("li", {}, h("button", {
      type: "button", class: "btn page-num", "data-page": n, "aria-label": t("pageN", { n }),
      "aria-current": n === current ? "page" : null, text: fmtNumber(n), onclick: () => goToPage(n),
    })));
  }
  list.append(h("li", {}, h("button", { type: "button", class: "btn btn-secondary page-step", "data-testid": "next-page", disabled: current >= pages, text: t("next") + " ›", onclick: () => goToPage(current + 1) })));
  el.pagination.append(list);
}

/** Counts for a facet: the API's list plus the selected values it does not list (count 0). */
function facetEntries(facet) {
  const listed = (lastResponse?.facets?.[facet] || []).filter((e) => e && e.value != null && e.value !== "");
  const seen = new Set(listed.map((e) => e.value));
  const missing = state.filters[facet].filter((v) => !seen.has(v)).map((value) => ({ value, count: 0 }));
  return [...missing, ...listed];
}

function facetRow(facet, e, selected, { count = true, partial = false } = {}) {
  const id = `f-${facet}-${cssId(e.value)}`;
  const box = h("input", { type: "checkbox", id, "data-facet": facet, "data-value": e.value, checked: selected.has(e.value) });
  // An ISCO-08 group above a selected one: its own box is not checked, but the path shows.
  if (partial) box.indeterminate = true;
  return h("li", {}, box,
    h("label", { for: id },
      h("span", { class: "facet-label", text: valueLabel(facet, e.value) }),
      count ? h("span", { class: "facet-count", "data-testid": "facet-count", text: String(e.count || 0) }) : null));
}

function moreButton(facet, isOpen, hiddenCount, total) {
  if (!(hiddenCount > 0 || isOpen && total > FACET_PREVIEW)) return null;
  return h("button", {
    type: "button", class: "btn btn-link facet-more", "aria-expanded": String(isOpen), "data-more": facet,
    text: isOpen ? t("showLess") : t("showMore", { n: hiddenCount }),
  });
}

function facetGroup(facet, { nested = false } = {}) {
  const entries = facetEntries(facet);
  if (!entries.length && !nested) return null;
  const selected = new Set(state.filters[facet]);
  const isOpen = expanded.has(facet);
  // Selected values always stay visible, even beyond the preview length.
  const visible = isOpen ? entries : entries.filter((e, i) => i < FACET_PREVIEW || selected.has(e.value));
  const hiddenCount = entries.length - visible.length;
  const legendId = `facet-${facet}-legend`;
  const list = h("ul", { class: "facet-list" }, visible.map((e) => facetRow(facet, e, selected)));
  const group = h("fieldset", { class: "facet" + (nested ? " facet-nested" : ""), "data-group": facet },
    h("legend", { id: legendId, text: t("facet_" + facet) }), list);
  if (!entries.length) group.append(h("p", { class: "facet-empty", text: t("noValues") }));
  const more = moreButton(facet, isOpen, hiddenCount, entries.length);
  if (more) group.append(more);
  return group;
}

/** Lower case without accents, for matching what a searcher types against labels. */
const fold = (text) => String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The skills facet's own search box: its text and the skills `/api/skills` suggested for it. */
const skillSearch = { text: "", remote: null, timer: 0, inflight: null };

/**
 * The skills facet: the top skills of the results, a box that narrows them as one types, and
 * below the matches the other skills whose labels start so (from `/api/skills`), without counts.
 */
function skillGroup() {
  const facet = "skill";
  const entries = facetEntries(facet);
  const selected = new Set(state.filters[facet]);
  const needle = fold(skillSearch.text.trim());
  const isOpen = expanded.has(facet);
  let visible;
  let extra = [];
  if (needle) {
    visible = entries.filter((e) => selected.has(e.value) || fold(valueLabel(facet, e.value)).includes(needle));
    const remote = skillSearch.remote;
    if (remote && remote.lang === lang && fold(remote.text.trim()) === needle) {
      const listed = new Set(entries.map((e) => e.value));
      extra = remote.items.filter((s) => !listed.has(s.id)).map((s) => ({ value: s.id }));
    }
  } else {
    visible = isOpen ? entries : entries.filter((e, i) => i < FACET_PREVIEW || selected.has(e.value));
  }
  const listId = "facet-skill-list";
  const search = h("input", {
    type: "search", class: "facet-search", id: "facet-skill-search", "data-facet-search": facet,
    "aria-label": t("skillSearchLabel"), placeholder: t("skillSearchPlaceholder"), "aria-controls": listId,
    autocomplete: "off", spellcheck: "false", maxlength: "200", "data-testid": "skill-search",
  });
  search.value = skillSearch.text;
  const list = h("ul", { class: "facet-list", id: listId }, visible.map((e) => facetRow(facet, e, selected)));
  const group = h("fieldset", { class: "facet facet-skill", "data-group": facet },
    h("legend", { id: "facet-skill-legend", text: t("facet_skill") }), search, list);
  if (extra.length) {
    group.append(
      h("p", { class: "facet-subheading", id: "facet-skill-more-heading", text: t("otherSkills") }),
      h("ul", { class: "facet-list facet-extra", "aria-labelledby": "facet-skill-more-heading", "data-testid": "skill-search-more" },
        extra.map((e) => facetRow(facet, e, selected, { count: false }))));
  }
  if (!entries.length && !needle) group.append(h("p", { class: "facet-empty", text: t("noValues") }));
  else if (needle && !visible.length && !extra.length) group.append(h("p", { class: "facet-empty", text: t("noSkillMatch") }));
  if (!needle) {
    const more = moreButton(facet, isOpen, entries.length - visible.length, entries.length);
    if (more) group.append(more);
  }
  return group;
}

/** Asks `/api/skills` for the skills facet's search text (debounced; a stale request is aborted). */
function lookUpSkills() {
  clearTimeout(skillSearch.timer);
  skillSearch.inflight?.abort();
  skillSearch.inflight = null;
  const text = skillSearch.text.trim();
  if ([...fold(text)].length < SUGGEST_MIN) return;
  skillSearch.timer = setTimeout(async () => {
    const controller = new AbortController();
    skillSearch.inflight = controller;
    const asked = lang;
    try {
      const items = await fetchSkills(text, asked, 10, controller.signal);
      if (skillSearch.inflight !== controller) return;
      skillSearch.remote = { text, lang: asked, items };
      renderFacets();
    } catch {
      /* the facet's own values are still filtered */
    } finally {
      if (skillSearch.inflight === controller) skillSearch.inflight = null;
    }
  }, SUGGEST_MS);
}

/** Skills whose label in `language` starts with `text`, remembered for labels. */
async function fetchSkills(text, language, limit, signal) {
  const p = new URLSearchParams({ q: text, lang: language, limit: String(limit) });
  const body = await getJson("/api/skills?" + p.toString(), signal);
  const items = Array.isArray(body) ? body.filter((s) => s && s.id && s.label) : [];
  for (const s of items) rememberLabel("skill", s.id, s.label, language);
  return items;
}

/**
 * The occupation facet, a drill-down of ISCO-08 groups: the major groups, and under a selected
 * group (or one above a selected group) its sub-groups, as the API lists them.
 */
function occupationGroup() {
  const facet = "occupation";
  const entries = facetEntries(facet);
  if (!entries.length) return null;
  const selected = new Set(state.filters[facet]);
  const codes = new Set(entries.map((e) => e.value));
  const children = new Map();
  for (const e of entries) {
    let parent = e.value.slice(0, -1);
    if (parent && !codes.has(parent)) parent = "";
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(e);
  }
  const above = (code) => [...selected].some((s) => s !== code && s.startsWith(code));
  const level = (parent, depth) => h("ul", { class: "facet-list" + (depth ? " facet-sublist" : "") },
    (children.get(parent) || []).map((e) => {
      const row = facetRow(facet, e, selected, { partial: above(e.value) });
      if (children.has(e.value)) row.append(level(e.value, depth + 1));
      return row;
    }));
  return h("fieldset", { class: "facet facet-tree", "data-group": facet },
    h("legend", { id: "facet-occupation-legend", text: t("facet_occupation") }), level("", 0));
}

let idCounter = 0;
const idMap = new Map();
function cssId(value) {
  if (!idMap.has(value)) idMap.set(value, String(++idCounter));
  return idMap.get(value);
}

function renderFacets() {
  if (!lastResponse) return;
  // Keep keyboard focus on the control the user was on across the re-render.
  const active = document.activeElement;
  const focusKey = active && el.groups.contains(active)
    ? active.dataset.facet ? `[data-facet="${CSS.escape(active.dataset.facet)}"][data-value="${CSS.escape(active.dataset.value)}"]`
      : active.dataset.more ? `[data-more="${CSS.escape(active.dataset.more)}"]`
        : active.dataset.facetSearch ? `[data-facet-search="${CSS.escape(active.dataset.facetSearch)}"]` : null
    : null;
  const caret = focusKey && active.dataset.facetSearch ? [active.selectionStart, active.selectionEnd] : null;

  const location = h("div", { class: "facet-location", role: "group", "aria-labelledby": "facet-location-heading" },
    h("h3", { class: "facet-heading", id: "facet-location-heading", text: t("facet_location") }));
  const region = facetGroup("region");
  if (region) location.append(region);
  if (state.filters.region.length || state.filters.country.length) location.append(facetGroup("country", { nested: true }));
  if (state.filters.country.length || state.filters.duty_station.length) location.append(facetGroup("duty_station", { nested: true }));

  const groups = [location, skillGroup()];
  const occupation = occupationGroup();
  if (occupation) groups.push(occupation);
  for (const facet of ["grade", "contract_type", "organization", "language"]) {
    const g = facetGroup(facet);
    if (g) groups.push(g);
  }
  el.groups.replaceChildren(...groups);
  el.clearAll.hidden = filterCount() === 0;
  const n = filterCount() + (state.open ? 0 : 1);
  el.filtersBadge.hidden = n === 0;
  el.filtersBadge.textContent = n ? fmtNumber(n) : "";
  if (focusKey) {
    const target = el.groups.querySelector(focusKey);
    target?.focus();
    if (target && caret) target.setSelectionRange(caret[0], caret[1]);
  }
}

function renderChips() {
  const chip = (label, onclick) => h("li", {}, h("button", {
    type: "button", class: "chip", "aria-label": t("removeFilter", { label }), onclick,
  }, h("span", { text: label }), h("span", { class: "chip-x", "aria-hidden": "true", text: "×" })));
  const chips = [];
  for (const f of FACETS) for (const v of state.filters[f]) {
    chips.push(chip(`${t("facet_" + f)}: ${valueLabel(f, v)}`, () => toggleFilter(f, v, false)));
  }
  for (const d of DATE_PARAMS) if (state.dates[d]) {
    chips.push(chip(`${t("date_" + d)} ${fmtDate(state.dates[d])}`, () => {
      delete state.dates[d];
      state.page = 1;
      commit("push");
    }));
  }
  el.chips.replaceChildren(...chips);
  el.chips.hidden = chips.length === 0;
  el.chips.setAttribute("aria-label", t("activeFilters"));
}

// -- actions

function endTyping() {
  clearTimeout(typingTimer);
  typingPushed = false;
}

function toggleFilter(facet, value, on) {
  endTyping();
  let values = new Set(state.filters[facet]);
  // Choosing an ISCO-08 group replaces the groups above and below it (a drill-down, not an OR).
  if (on && facet === "occupation") values = new Set([...values].filter((v) => !v.startsWith(value) && !value.startsWith(v)));
  if (on) values.add(value);
  else values.delete(value);
  state.filters[facet] = [...values];
  // Leaving a level of the location drill-down empty clears the levels below it.
  if (!on && facet === "region" && !values.size) state.filters.country = [];
  if (!on && (facet === "region" || facet === "country") && !state.filters.country.length) state.filters.duty_station = [];
  state.page = 1;
  commit("push");
}

function clearFilters() {
  endTyping();
  state.filters = emptyFilters();
  state.dates = {};
  state.page = 1;
  commit("push");
  el.q.focus();
}

function setOpen(open) {
  endTyping();
  state.open = open;
  state.page = 1;
  commit("push");
}

function goToPage(n) {
  endTyping();
  state.page = n;
  commit("push");
  el.resultsHeading.focus({ preventScroll: true });
  el.main.scrollIntoView({ block: "start" });
}

function setLanguage(next) {
  if (!UI_LANGS.includes(next)) return;
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* storage may be disabled */
  }
  history.replaceState(history.state, "", pageUrl(state));
  applyLanguage();
  if (lastResponse || searchError) render();
  lookUpSkills();
  if (postingShown) renderPosting(postingShown.id);
  // Skill and occupation labels come in the new language with the next answer.
  runSearch().then(() => {
    if (postingShown && el.posting.open) renderPosting(postingShown.id);
  });
}

// -- posting panel

function openPosting(id) {
  endTyping();
  state.posting = id;
  commit("push", { postingFromList: true });
}

function closePosting() {
  if (!state.posting) return;
  if (history.state?.postingFromList) {
    history.back(); // popstate closes the panel and restores the list's URL
  } else {
    state.posting = null;
    commit("replace", { postingFromList: false });
  }
}

function syncPosting() {
  const id = state.posting;
  if (!id) {
    if (el.posting.open) {
      el.posting.close();
    }
    if (postingShown) {
      const back = el.results.querySelector(`a[data-id="${CSS.escape(postingShown.id)}"]`);
      (back || el.q).focus();
    }
    postingShown = null;
    return;
  }
  if (postingShown?.id === id && el.posting.open) return;
  postingShown = { id };
  renderPosting(id);
  if (!el.posting.open) el.posting.showModal();
  el.posting.scrollTop = 0;
  el.postingClose.focus();
}

async function renderPosting(id) {
  const body = el.postingBody;
  const cached = postingCache.get(id);
  if (!cached) {
    body.setAttribute("aria-busy", "true");
    body.replaceChildren(h("h2", { id: "posting-title", class: "posting-title", text: t("postingLoading") }));
    try {
      const posting = await getJson("/api/postings/" + encodeURIComponent(id));
      postingCache.set(id, posting);
    } catch (err) {
      if (state.posting !== id) return;
      body.removeAttribute("aria-busy");
      body.replaceChildren(
        h("h2", { id: "posting-title", class: "posting-title", text: t("postingError") }),
        h("p", { class: "notice notice-error", role: "alert", "data-testid": "posting-error", text: err.message }));
      return;
    }
    if (state.posting !== id) return;
  }
  body.removeAttribute("aria-busy");
  body.replaceChildren(...postingContent(postingCache.get(id)));
  renderSimilar(id);
}

const similarCache = new Map();

/** Five postings like the one in the panel, each linked to its own page. */
async function renderSimilar(id) {
  if (!similarCache.has(id)) {
    try {
      similarCache.set(id, await getJson("/api/postings/" + encodeURIComponent(id) + "/similar?per_page=5"));
    } catch {
      return; // the posting itself is shown; similar ones are a bonus
    }
  }
  const hits = similarCache.get(id).hits || [];
  if (state.posting !== id || !hits.length || el.postingBody.querySelector(".panel-similar")) return;
  el.postingBody.append(h("section", { class: "similar panel-similar", "data-testid": "panel-similar" },
    h("h3", { text: t("similarHeading") }),
    h("ol", { class: "similar-list" }, hits.map((hit) => h("li", { "data-id": hit.id },
      h("a", { href: postingPagePath(hit.id), lang: hit.language && hit.language !== lang ? hit.language : null, text: hit.title || t("untitled") }),
      h("span", { class: "similar-meta", text: [hit.organization, valueLabel("grade", hit.grade), placeText(hit)].filter(Boolean).map((x) => " · " + x).join("") }))))));
}

function postingContent(p) {
  const docLang = p.language && p.language !== lang ? p.language : null;
  const fields = [];
  const add = (key, value) => {
    if (value == null || value === "") return;
    const label = MESSAGES.en["field_" + key] ? t("field_" + key) : t("facet_" + key);
    fields.push(h("div", { class: "field" }, h("dt", { text: label }), h("dd", {}, value)));
  };
  const grade = valueLabel("grade", p.grade);
  add("grade", p.grade_raw && p.grade_raw !== p.grade ? `${grade || p.grade_raw}${grade ? ` (${p.grade_raw})` : ""}` : grade);
  add("duty_station", placeText(p));
  add("region", [valueLabel("region", p.region), valueLabel("subregion", p.subregion)].filter(Boolean).join(" · "));
  const contract = valueLabel("contract_type", p.contract_type);
  add("contract_type", p.contract_type_raw && contract && !sameWords(p.contract_type_raw, contract)
    ? `${contract} (${p.contract_type_raw})` : contract || p.contract_type_raw);
  add("contract_duration", p.contract_duration);
  add("published", p.published ? h("time", { datetime: p.published, text: fmtDate(p.published) }) : null);
  add("closing", p.closing ? closingNode(p.closing, false) : null);
  add("department", p.department);
  add("unit", p.unit);
  add("vacancy_number", p.vacancy_number);
  add("job_id", p.job_id);
  add("language", p.language ? languageName(lang, p.language) : null);

  const out = [
    h("header", { class: "posting-header" },
      p.organization ? h("p", { class: "posting-org", text: p.organization }) : null,
      h("h2", { id: "posting-title", class: "posting-title", lang: docLang, text: p.title || t("untitled") })),
    h("dl", { class: "posting-fields" }, fields),
  ];
  if (safeLink(p.link)) {
    out.push(h("p", { class: "posting-link" }, h("a", { href: p.link, target: "_blank", rel: "noopener noreferrer" },
      t("originalLink"), h("span", { class: "visually-hidden", text: " " + t("newWindow") }), " ↗")));
  }
  const skills = panelSkills(p);
  if (skills.length) {
    out.push(h("section", { class: "posting-skills", "data-testid": "panel-skills", "aria-labelledby": "panel-skills-heading" },
      h("h3", { id: "panel-skills-heading", text: t("skillsLabel") }),
      h("ul", { class: "skill-chips" }, skills.map((s) => h("li", {}, skillLink(s, { fromPanel: true }))))));
  }
  out.push(h("p", { class: "posting-page-link" }, h("a", { href: postingPagePath(p.id), text: t("postingPageLong") })));
  out.push(h("div", { class: "posting-text", lang: docLang }, bodyBlocks(p.body || "")));
  return out;
}

/**
 * The posting's skills labelled in the interface language, as the search gave them (the posting
 * itself carries ids only); none when a label is not known, rather than a partial list.
 */
function panelSkills(p) {
  const skills = (p.skills || []).map((id) => ({ id, label: conceptLabels.get(conceptKey("skill", id)) }));
  return skills.every((s) => s.label) ? skills : [];
}

/** Whether two labels differ only in case, spaces and punctuation ("Fixed Term", "Fixed-term"). */
function sameWords(a, b) {
  const key = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  return key(a) === key(b);
}

function safeLink(link) {
  try {
    return link && ["http:", "https:"].includes(new URL(link, location.href).protocol);
  } catch {
    return false;
  }
}

/** Plain text to blocks: "- " lines become lists, short unpunctuated lines headings, others paragraphs. */
function bodyBlocks(text) {
  const blocks = [];
  let list = null;
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const bullet = /^[-•*–]\s+(.*)$/.exec(line);
    if (bullet) {
      if (!list) blocks.push((list = h("ul")));
      list.append(h("li", { text: bullet[1] }));
      return;
    }
    if (!line) {
      list = null;
      return;
    }
    list = null;
    const next = lines.slice(i + 1).find((l) => l.trim());
    const heading = line.length <= 60 && !/[.,;!?)]$/.test(line) && next !== undefined && !/:\s*\S/.test(line);
    blocks.push(heading ? h("h3", { text: line.replace(/:$/, "") }) : h("p", { text: line }));
  });
  return blocks;
}

// -- skill suggestions in the search box (an ARIA combobox with a listbox)

const suggest = { items: [], active: -1, timer: 0, inflight: null };

function renderSuggestions() {
  const { items, active } = suggest;
  el.suggestions.replaceChildren(...items.map((s, i) => h("li", {
    role: "option", id: `q-suggestion-${i}`, class: "suggestion", "aria-selected": String(i === active),
    "data-skill": s.id, "data-testid": "suggestion",
    onmousedown: (e) => e.preventDefault(), // keeps the focus in the box
    onclick: () => chooseSuggestion(i),
  }, h("span", { class: "suggestion-text" },
    h("span", { class: "suggestion-label", text: s.label }),
    s.matched ? h("span", { class: "suggestion-matched", text: ` (${s.matched})`, "data-testid": "suggestion-matched" }) : null),
  h("span", { class: "suggestion-kind", text: Number.isFinite(s.count) ? `${t("suggestionKind")} · ${fmtNumber(s.count)}` : t("suggestionKind"), "data-testid": "suggestion-count" }))));
  const open = items.length > 0;
  el.suggestions.hidden = !open;
  el.q.setAttribute("aria-expanded", String(open));
  if (open && active >= 0) {
    el.q.setAttribute("aria-activedescendant", `q-suggestion-${active}`);
    el.suggestions.children[active].scrollIntoView({ block: "nearest" });
  } else {
    el.q.removeAttribute("aria-activedescendant");
  }
}

function closeSuggestions() {
  clearTimeout(suggest.timer);
  suggest.inflight?.abort();
  suggest.inflight = null;
  suggest.items = [];
  suggest.active = -1;
  renderSuggestions();
}

/** Asks for skills starting with the box's text once typing pauses; a stale request is aborted. */
function scheduleSuggestions() {
  clearTimeout(suggest.timer);
  suggest.inflight?.abort();
  suggest.inflight = null;
  const text = el.q.value.trim();
  // Query syntax (phrases, fields, operators) is not a skill name.
  if ([...fold(text)].length < SUGGEST_MIN || /["():*^+]|(^|\s)-/.test(text)) {
    closeSuggestions();
    return;
  }
  suggest.timer = setTimeout(async () => {
    const controller = new AbortController();
    suggest.inflight = controller;
    try {
      const items = await fetchSkills(text, lang, SUGGEST_LIMIT, controller.signal);
      if (suggest.inflight !== controller || el.q.value.trim() !== text || document.activeElement !== el.q) return;
      suggest.items = items;
      suggest.active = -1;
      renderSuggestions();
    } catch {
      if (suggest.inflight === controller) closeSuggestions();
    } finally {
      if (suggest.inflight === controller) suggest.inflight = null;
    }
  }, SUGGEST_MS);
}

/**
 * Filters by the chosen skill: the typed words were its name, so they leave the query, and the
 * results are the postings tagged with it in every language (not only those naming it in the
 * words typed).
 */
function chooseSuggestion(i) {
  const skill = suggest.items[i];
  if (!skill) return;
  closeSuggestions();
  const mode = typingPushed ? "replace" : "push"; // the typed prefix leaves no history entry
  endTyping();
  el.q.value = "";
  state.q = "";
  state.filters.skill = [...new Set([...state.filters.skill, skill.id])];
  state.page = 1;
  commit(mode);
}

el.q.addEventListener("input", scheduleSuggestions);
el.q.addEventListener("blur", closeSuggestions);
el.q.addEventListener("keydown", (e) => {
  const n = suggest.items.length;
  if (!n || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    const step = e.key === "ArrowDown" ? 1 : -1;
    suggest.active = suggest.active < 0 ? (step > 0 ? 0 : n - 1) : (suggest.active + step + n) % n;
    renderSuggestions();
  } else if (e.key === "Enter" && suggest.active >= 0) {
    e.preventDefault();
    chooseSuggestion(suggest.active);
  } else if (e.key === "Escape") {
    e.preventDefault(); // closes the list only; a second Escape clears the box as usual
    closeSuggestions();
  } else if (e.key === "Tab") {
    closeSuggestions();
  }
});

// -- events

el.q.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    if (el.q.value.trim() === state.q.trim()) return;
    state.q = el.q.value;
    state.page = 1;
    // The first pause of a typing session adds a history entry; later ones replace it.
    commit(typingPushed ? "replace" : "push");
    typingPushed = true;
  }, DEBOUNCE_MS);
});

el.form.addEventListener("submit", (e) => {
  e.preventDefault();
  closeSuggestions();
  const changed = el.q.value !== state.q;
  endTyping();
  state.q = el.q.value;
  if (changed) state.page = 1;
  if (!changed) lastApiQuery = null; // Enter on the same text searches again
  commit("push");
});

el.groups.addEventListener("change", (e) => {
  const box = e.target.closest("input[data-facet]");
  if (box) toggleFilter(box.dataset.facet, box.dataset.value, box.checked);
});

el.groups.addEventListener("input", (e) => {
  if (!e.target.matches("[data-facet-search=skill]")) return;
  skillSearch.text = e.target.value;
  renderFacets();
  lookUpSkills();
});

el.groups.addEventListener("keydown", (e) => {
  if (e.key !== "Escape" || !e.target.matches("[data-facet-search=skill]") || !e.target.value) return;
  e.preventDefault();
  e.stopPropagation(); // clears the box without closing the filters panel
  skillSearch.text = "";
  lookUpSkills();
  renderFacets();
});

el.groups.addEventListener("click", (e) => {
  const more = e.target.closest("[data-more]");
  if (!more) return;
  const facet = more.dataset.more;
  if (expanded.has(facet)) expanded.delete(facet);
  else expanded.add(facet);
  renderFacets();
});

el.openOnly.addEventListener("change", () => setOpen(el.openOnly.checked));
el.sort.addEventListener("change", () => {
  endTyping();
  state.sort = el.sort.value;
  state.page = 1;
  commit("push");
});
el.lang.addEventListener("change", () => setLanguage(el.lang.value));
el.clearAll.addEventListener("click", clearFilters);

el.home.addEventListener("click", (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  endTyping();
  state = { ...state, q: "", filters: emptyFilters(), dates: {}, open: true, sort: "relevance", page: 1, posting: null };
  commit("push");
  el.q.focus();
});

function setFiltersOpen(open) {
  document.body.classList.toggle("filters-open", open);
  el.filtersToggle.setAttribute("aria-expanded", String(open));
  if (open) el.filters.querySelector("input, button")?.focus();
}
el.filtersToggle.addEventListener("click", () => setFiltersOpen(!document.body.classList.contains("filters-open")));
el.filtersClose.addEventListener("click", () => {
  setFiltersOpen(false);
  el.filtersToggle.focus();
});
el.filters.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && document.body.classList.contains("filters-open")) {
    setFiltersOpen(false);
    el.filtersToggle.focus();
  }
});

// Escape closes the dialog natively; the URL follows in the "close" event.
el.posting.addEventListener("close", () => {
  if (state.posting) closePosting();
});
el.postingClose.addEventListener("click", closePosting);
el.posting.addEventListener("click", (e) => {
  if (e.target !== el.posting) return;
  const r = el.posting.getBoundingClientRect();
  const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
  if (!inside) closePosting(); // a click on the backdrop
});

window.addEventListener("popstate", () => {
  endTyping();
  state = readUrl();
  const urlLang = new URLSearchParams(location.search).get("lang");
  if (urlLang && UI_LANGS.includes(urlLang) && urlLang !== lang) {
    lang = urlLang;
    applyLanguage();
  }
  update();
});

// -- start

applyLanguage();
history.replaceState(history.state, "", pageUrl(state));
update();
