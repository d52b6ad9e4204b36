// paragraf's page: plain JavaScript, no framework, nothing fetched but the
// JSON API of the same server. The address holds the view: `/?q=…&from=…`
// a search, `/p/MEETING/N` a §, `/case/CASE` a case thread; `lang=en`
// (or the buttons, remembered) switches the labels to English.
'use strict';

const LABELS = {
  sv: {
    tagline: 'Sök i protokoll, paragraf för paragraf',
    placeholder: 'Sök i protokollen, t.ex. Krav- och kvalitetsbok',
    search: 'Sök', from: 'Från', to: 'Till', organisation: 'Organisation', organ: 'Organ',
    year: 'År', all: 'alla', date_ph: 'ÅÅÅÅ-MM-DD',
    hit: 'träff', hits: 'träffar', for: 'för', showing: 'visar', none_from: 'inga från',
    no_hits: 'Inga träffar.', searching: 'Söker…', loading: 'Hämtar…',
    prev: '← Föregående', next: 'Nästa →', open: 'Visa §', source: 'Protokollet',
    page: 's.', case: 'Ärende', dnr: 'Dnr', decision: 'Beslut', proposal: 'Förslag',
    proposal_to: 'Förslag till', information: 'Information', back: '← Tillbaka',
    chair: 'Ordförande', secretary: 'Sekreterare', adjusters: 'Justerare',
    adjusted: 'Justerat', place: 'Plats', time: 'Tid', members: 'Ledamöter',
    substitutes: 'Tjänstgörande ersättare', others: 'Övriga närvarande',
    responsible: 'Ärendeansvarig', officer: 'Handläggare', sent_to: 'Skickas till',
    steps: 'steg', references: 'Hänvisningar', cites_case: 'nämner ärendenumret',
    cites_para: 'hänvisar till', no_case: 'Inget § har ärendenumret',
    understood: 'Tolkat som', remove: 'ta bort filtret', error: 'Fel',
    index_info: (p, m) => `Indexet har ${p} § ur ${m} protokoll.`,
    demo: 'Det här är demoindexet med exempelprotokollen (paragraf index ARKIV bygger ditt eget).',
    home_hint: 'Skriv några ord, en fras inom citattecken, eller ett diarienummer. Filtren och antalen till höger smalnar av.',
    footer: 'paragraf: sökmotor för protokoll. JSON:', counts: 'Antal',
    whole: 'hela §', meeting: 'Sammanträdet',
  },
  en: {
    tagline: 'Search meeting minutes, one § at a time',
    placeholder: 'Search the minutes, e.g. Krav- och kvalitetsbok',
    search: 'Search', from: 'From', to: 'To', organisation: 'Organisation', organ: 'Body',
    year: 'Year', all: 'all', date_ph: 'YYYY-MM-DD',
    hit: 'hit', hits: 'hits', for: 'for', showing: 'showing', none_from: 'none from',
    no_hits: 'No hits.', searching: 'Searching…', loading: 'Loading…',
    prev: '← Previous', next: 'Next →', open: 'Open §', source: 'The protocol',
    page: 'p.', case: 'Case', dnr: 'Case no.', decision: 'Decision', proposal: 'Proposal',
    proposal_to: 'Proposal to', information: 'Information', back: '← Back',
    chair: 'Chair', secretary: 'Secretary', adjusters: 'Adjusters',
    adjusted: 'Adjusted', place: 'Place', time: 'Time', members: 'Members',
    substitutes: 'Substitutes serving', others: 'Others present',
    responsible: 'Responsible', officer: 'Officer', sent_to: 'Sent to',
    steps: 'steps', references: 'References', cites_case: 'mentions the case number',
    cites_para: 'cites', no_case: 'No § has the case number',
    understood: 'Understood as', remove: 'remove the filter', error: 'Error',
    index_info: (p, m) => `The index holds ${p} § from ${m} protocols.`,
    demo: 'This is the demo index of the sample protocols (paragraf index ARCHIVE builds your own).',
    home_hint: 'Type a few words, a phrase in quotes, or a case number. The filters and the counts on the right narrow it down.',
    footer: 'paragraf: a search engine for meeting minutes. JSON:', counts: 'Counts',
    whole: 'whole §', meeting: 'The meeting',
  },
};

const PAGE_SIZE = 10;
const FILTERS = ['from', 'to', 'organisation', 'organ'];
let lang = 'sv';
let facetsOfIndex = null;

function t(key) {
  return LABELS[lang][key] ?? LABELS.sv[key] ?? key;
}

function chooseLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  let stored = null;
  try { stored = localStorage.getItem('paragraf.lang'); } catch (_) { /* private mode */ }
  lang = LABELS[asked] ? asked : LABELS[stored] ? stored : 'sv';
}

function applyLabels() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll('[data-ph]')) el.placeholder = t(el.dataset.ph);
  document.getElementById('q').setAttribute('aria-label', t('search'));
  document.getElementById('facets').setAttribute('aria-label', t('counts'));
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
}

// --- DOM helpers: text is always set as text, never parsed as HTML.

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'nav') { if (v) e.dataset.nav = ''; }
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function show(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes.flat().filter(Boolean));
}

function showError(err) {
  show(el('div', { class: 'error', role: 'alert' },
    el('strong', {}, `${t('error')}${err.status ? ' ' + err.status : ''}`),
    el('pre', {}, err.message)));
}

// --- Addresses.

function paragraphHref(meetingId, number) {
  return `/p/${encodeURIComponent(meetingId)}/${number}`;
}

function caseHref(caseNumber) {
  return `/case/${encodeURIComponent(caseNumber)}`;
}

function sourceHref(meetingId, page) {
  return `/source/${encodeURIComponent(meetingId)}${page ? '#page=' + page : ''}`;
}

function searchHref(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, v);
  if (new URLSearchParams(location.search).get('lang')) p.set('lang', lang);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

function currentSearch() {
  const p = new URLSearchParams(location.search);
  const out = { q: p.get('q') || '' };
  for (const f of FILTERS) out[f] = p.get(f) || '';
  out.offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
  return out;
}

function navigate(href, replace) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  route();
}

// --- The API.

async function api(path) {
  let r;
  try {
    r = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw Object.assign(new Error(String(e.message || e)), { status: 0 });
  }
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    throw Object.assign(new Error((body && body.error) || r.statusText), { status: r.status });
  }
  return body;
}

// --- Pieces shared by the views.

/** `snippet.text` with its highlights in <mark>: character ranges when the
 * JSON has them (`char_highlights`), else byte ranges (`highlights`,
 * `byte_highlights`) of the UTF-8 text. */
function marked(snippet) {
  const text = (snippet && snippet.text) || '';
  const out = [];
  if (snippet && Array.isArray(snippet.char_highlights) && snippet.char_highlights.length) {
    const chars = Array.from(text);
    let at = 0;
    for (const [a, b] of snippet.char_highlights) {
      if (a < at || b > chars.length || a >= b) continue;
      out.push(chars.slice(at, a).join(''), el('mark', {}, chars.slice(a, b).join('')));
      at = b;
    }
    out.push(chars.slice(at).join(''));
    return out;
  }
  const ranges = (snippet && (snippet.highlights || snippet.byte_highlights)) || [];
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at || b > bytes.length || a >= b) continue;
    out.push(dec.decode(bytes.subarray(at, a)), el('mark', {}, dec.decode(bytes.subarray(a, b))));
    at = b;
  }
  out.push(dec.decode(bytes.subarray(at)));
  return out;
}

function meetingLine(m) {
  return [m.organisation, m.organ, m.date].filter(Boolean).join(' · ');
}

function decisionNode(d) {
  if (!d) return null;
  let kind;
  if (d.kind === 'decision') kind = t('decision');
  else if (d.kind === 'proposal') kind = d.proposed_to ? `${t('proposal_to')} ${d.proposed_to}` : t('proposal');
  else if (d.kind === 'information') kind = t('information');
  else return null;
  let first = '';
  if (d.clauses && d.clauses.length) first = `att ${d.clauses[0]}`;
  else if (d.text) first = d.text.split('\n').find((l) => l.trim()) || '';
  if (first.length > 220) first = first.slice(0, 220) + '…';
  return el('div', { class: 'decision' }, el('span', { class: `kind k-${d.kind}` }, kind), first);
}

function caseLink(caseNumber) {
  if (!caseNumber) return null;
  return el('a', { class: 'case', href: caseHref(caseNumber), nav: true }, `${t('dnr')} ${caseNumber}`);
}

// --- Facets and filters.

function fillSelect(id, counts) {
  const select = document.getElementById(id);
  const keep = select.value;
  const options = [el('option', { value: '', 'data-t': 'all' }, t('all'))];
  for (const name of Object.keys(counts || {}).sort((a, b) => a.localeCompare(b, 'sv'))) {
    options.push(el('option', { value: name }, name));
  }
  select.replaceChildren(...options);
  select.value = keep;
}

function syncForm(s) {
  document.getElementById('q').value = s.q;
  for (const f of FILTERS) {
    const input = document.getElementById(f);
    if (input.tagName === 'SELECT' && s[f] && ![...input.options].some((o) => o.value === s[f])) {
      input.append(el('option', { value: s[f] }, s[f]));
    }
    input.value = s[f];
  }
}

function facetList(title, counts, apply, isOn, limit) {
  const entries = Object.entries(counts || {});
  if (!entries.length) return null;
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv'));
  const items = entries.slice(0, limit).map(([name, n]) =>
    el('li', { class: isOn(name) ? 'on' : null },
      el('a', { href: apply(name), nav: true }, name),
      el('span', { class: 'n' }, n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB'))));
  return [el('h3', {}, title), el('ul', {}, items)];
}

function showFacets(facets, s) {
  const aside = document.getElementById('facets');
  if (!facets) { aside.replaceChildren(); return; }
  const base = s || { q: '', from: '', to: '', organisation: '', organ: '' };
  const go = (change) => searchHref({ ...base, offset: '', ...change });
  const years = Object.fromEntries(Object.entries(facets.year || {}));
  aside.replaceChildren(...[
    facetList(t('organisation'), facets.organisation, (v) => go({ organisation: v }), (v) => base.organisation === v, 30),
    facetList(t('organ'), facets.organ, (v) => go({ organ: v }), (v) => base.organ === v, 30),
    facetList(t('year'), years, (v) => go({ from: v, to: v }), (v) => base.from === v && base.to === v, 30),
  ].flat().filter(Boolean));
  // Years newest first reads better than by count.
  const lists = aside.querySelectorAll('ul');
  const yearList = lists[lists.length - 1];
  if (yearList && Object.keys(years).length) {
    const items = [...yearList.children].sort((a, b) => b.textContent.localeCompare(a.textContent));
    yearList.replaceChildren(...items);
  }
}

function activeFilters(s) {
  const chips = FILTERS.filter((f) => s[f]).map((f) =>
    el('span', { class: 'chip' }, `${t(f)}: ${s[f]}`,
      el('a', { href: searchHref({ ...s, [f]: '', offset: '' }), nav: true, 'aria-label': t('remove'), title: t('remove') }, '×')));
  return chips.length ? el('div', { class: 'active' }, chips) : null;
}

// --- Views.

async function home() {
  document.title = 'paragraf';
  syncForm(currentSearch());
  show(el('p', { class: 'status' }, t('loading')));
  try {
    const [health, facets] = await Promise.all([api('/api/health'), api('/api/facets')]);
    facetsOfIndex = facets;
    fillSelect('organisation', facets.organisation);
    fillSelect('organ', facets.organ);
    showFacets(facets, null);
    show(el('div', { class: 'home' },
      el('p', {}, t('index_info')(health.paragraphs, health.meetings)),
      health.demo ? el('p', {}, t('demo')) : null,
      el('p', {}, t('home_hint'))));
  } catch (e) {
    showError(e);
  }
}

async function search(s) {
  document.title = `${s.q} – paragraf`;
  syncForm(s);
  show(el('p', { class: 'status' }, t('searching')));
  const p = new URLSearchParams({ q: s.q, limit: String(PAGE_SIZE), offset: String(s.offset), facets: 'true' });
  for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
  let r;
  try {
    r = await api(`/api/search?${p}`);
  } catch (e) {
    showFacets(null);
    showError(e);
    return;
  }
  const total = `${r.total}${r.total_exact ? '' : '+'}`;
  let status = `${total} ${r.total === 1 ? t('hit') : t('hits')} ${t('for')} "${s.q}"`;
  if (r.hits.length && (s.offset > 0 || r.hits.length < r.total)) {
    status += ` (${t('showing')} ${s.offset + 1}–${s.offset + r.hits.length})`;
  } else if (!r.hits.length && r.total > 0) {
    status += ` (${t('none_from')} ${s.offset + 1})`;
  }
  const understood = r.understood && r.understood.summary
    ? el('p', { class: 'understood' }, `${t('understood')}: ${r.understood.summary}`) : null;
  const hits = r.hits.map((h) => {
    const p = h.paragraph;
    const title = h.title && h.title.text && (h.title.highlights || h.title.byte_highlights || h.title.char_highlights)
      ? marked(h.title) : [p.title];
    const page = p.page;
    return el('article', { class: 'hit' },
      el('h2', {}, el('a', { href: paragraphHref(h.meeting.id, p.number), nav: true },
        el('span', { class: 'num' }, `§ ${p.number}`), title)),
      el('div', { class: 'meta' }, meetingLine(h.meeting),
        p.case_number ? el('span', { class: 'sep' }, '·') : null, caseLink(p.case_number)),
      decisionNode(p.decision),
      h.snippet && h.snippet.text ? el('p', { class: 'snippet' }, marked(h.snippet)) : null,
      el('div', { class: 'links' },
        el('a', { href: paragraphHref(h.meeting.id, p.number), nav: true }, t('open')),
        el('a', { href: sourceHref(h.meeting.id, page), target: '_blank', rel: 'noopener' },
          page ? `${t('source')} (${t('page')} ${page})` : t('source'))));
  });
  const pager = [];
  if (s.offset > 0) {
    pager.push(el('a', { href: searchHref({ ...s, offset: Math.max(0, s.offset - PAGE_SIZE) || '' }), nav: true, rel: 'prev' }, t('prev')));
  } else pager.push(el('span'));
  if (s.offset + r.hits.length < r.total) {
    pager.push(el('a', { href: searchHref({ ...s, offset: s.offset + PAGE_SIZE }), nav: true, rel: 'next' }, t('next')));
  }
  show(el('p', { class: 'status', id: 'status' }, status), understood, activeFilters(s),
    hits.length ? hits : el('p', {}, t('no_hits')),
    pager.length > 1 ? el('nav', { class: 'pager' }, pager) : null);
  showFacets(r.facets, s);
}

function backButton() {
  const b = el('button', { type: 'button', class: 'back' }, t('back'));
  b.addEventListener('click', () => {
    if (history.length > 1 && document.referrer.startsWith(location.origin)) history.back();
    else if (history.state && history.state.from) history.back();
    else navigate('/');
  });
  return b;
}

function people(list) {
  return el('ul', {}, list.map((p) =>
    el('li', {}, p.name, p.party ? ` (${p.party})` : '', p.role ? `, ${p.role}` : '',
      p.replacing ? ` → ${p.replacing}` : '')));
}

async function showParagraph(meetingId, number) {
  showFacets(null);
  show(el('p', { class: 'status' }, t('loading')));
  let r;
  try {
    r = await api(`/api/paragraph/${encodeURIComponent(meetingId)}/${encodeURIComponent(number)}`);
  } catch (e) {
    showError(e);
    return;
  }
  const m = r.meeting;
  const p = r.paragraph;
  document.title = `§ ${p.number} ${p.title} – paragraf`;
  const facts = [];
  const fact = (k, v) => { if (v) facts.push(el('dt', {}, t(k)), el('dd', {}, v)); };
  fact('time', [m.date, [m.start_time, m.end_time].filter(Boolean).join('–')].filter(Boolean).join(' '));
  fact('place', m.place);
  fact('chair', m.chair);
  fact('secretary', m.secretary);
  fact('adjusters', (m.adjusters || []).join(', '));
  fact('adjusted', m.adjusted_on);
  const groups = [
    ['members', m.members], ['substitutes', m.substitutes_present], ['others', m.others_present],
  ].filter(([, list]) => list && list.length).map(([k, list]) =>
    el('details', {}, el('summary', {}, `${t(k)} (${list.length})`), people(list)));
  const head = el('header', { class: 'meeting-head' },
    el('h1', {}, [m.organ, m.organisation].filter(Boolean).join(', ') || m.id),
    facts.length ? el('dl', {}, facts) : null,
    groups,
    el('a', { href: sourceHref(m.id, p.page), target: '_blank', rel: 'noopener' },
      p.page ? `${t('source')} (${t('page')} ${p.page})` : t('source')));
  const fields = [];
  if (p.case_number) fields.push(caseLink(p.case_number));
  if (p.responsible) fields.push(`${t('responsible')}: ${p.responsible}`);
  if (p.officer) fields.push(`${t('officer')}: ${p.officer}`);
  const d = p.decision || {};
  const clauses = d.clauses && d.clauses.length
    ? el('ol', { class: 'clauses' }, d.clauses.map((c) => el('li', {}, `att ${c}`))) : null;
  const decision = decisionNode(d);
  show(backButton(), head,
    el('article', { class: 'paragraph', id: 'paragraph' },
      el('h2', {}, el('span', { class: 'num' }, `§ ${p.number}${p.suffix || ''}`), p.title),
      fields.length ? el('div', { class: 'meta' }, fields.flatMap((f, i) => (i ? [el('span', { class: 'sep' }, '·'), f] : [f]))) : null,
      decision ? el('div', {}, decision.firstChild, clauses || decision.lastChild) : null,
      el('div', { class: 'body' }, p.body),
      p.sent_to && p.sent_to.length ? el('p', { class: 'meta' }, `${t('sent_to')}: ${p.sent_to.join(', ')}`) : null));
}

function step(s) {
  const p = s.paragraph;
  return [
    el('div', { class: 'when' }, [s.date, s.organ].filter(Boolean).join(' · ')),
    s.organisation ? el('div', { class: 'meta' }, s.organisation) : null,
    el('div', {}, el('a', { href: paragraphHref(s.meeting_id, p.number), nav: true },
      el('span', { class: 'num' }, `§ ${p.number}`), p.title)),
    decisionNode(p.decision),
  ];
}

async function showCase(caseNumber) {
  showFacets(null);
  document.title = `${t('case')} ${caseNumber} – paragraf`;
  show(el('p', { class: 'status' }, t('loading')));
  let r;
  try {
    r = await api(`/api/case/${encodeURIComponent(caseNumber)}`);
  } catch (e) {
    showError(e);
    return;
  }
  if (!r.steps.length && !r.references.length) {
    show(backButton(), el('h1', {}, `${t('case')} ${r.case_number}`), el('p', {}, `${t('no_case')} ${r.case_number}.`));
    return;
  }
  const refs = r.references.map((ref) => {
    const cites = ref.cites.kind === 'paragraph'
      ? el('a', { href: paragraphHref(ref.cites.meeting_id, ref.cites.number), nav: true }, `${t('cites_para')} § ${ref.cites.number}`)
      : t('cites_case');
    return el('li', {}, step(ref.step), el('div', { class: 'meta' }, cites), el('p', { class: 'excerpt' }, ref.excerpt));
  });
  show(backButton(),
    el('h1', {}, `${t('case')} ${r.case_number}`),
    el('p', { class: 'status' }, `${r.steps.length} ${t('steps')}`),
    el('ol', { class: 'thread', id: 'thread' }, r.steps.map((s) => el('li', {}, step(s)))),
    refs.length ? [el('h2', {}, t('references')), el('ol', { class: 'thread' }, refs)] : null);
}

// --- Routing.

function route() {
  const path = location.pathname;
  if (path.startsWith('/p/')) {
    const rest = path.slice(3);
    const cut = rest.lastIndexOf('/');
    showParagraph(decodeURIComponent(rest.slice(0, cut)), decodeURIComponent(rest.slice(cut + 1)));
  } else if (path.startsWith('/case/')) {
    showCase(decodeURIComponent(path.slice(6)));
  } else {
    const s = currentSearch();
    if (s.q.trim()) search(s);
    else home();
  }
}

function submitForm(ev) {
  if (ev) ev.preventDefault();
  const s = { q: document.getElementById('q').value.trim() };
  for (const f of FILTERS) s[f] = document.getElementById(f).value.trim();
  navigate(searchHref(s));
}

async function start() {
  chooseLanguage();
  applyLabels();
  document.getElementById('search').addEventListener('submit', submitForm);
  for (const id of ['organisation', 'organ']) {
    document.getElementById(id).addEventListener('change', () => {
      if (document.getElementById('q').value.trim()) submitForm();
    });
  }
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      lang = b.dataset.lang;
      try { localStorage.setItem('paragraf.lang', lang); } catch (_) { /* private mode */ }
      const p = new URLSearchParams(location.search);
      if (p.has('lang')) { p.set('lang', lang); history.replaceState(null, '', `${location.pathname}?${p}`); }
      applyLabels();
      route();
    });
  }
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest('a[data-nav]');
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', route);
  route();
  if (!facetsOfIndex) {
    try {
      facetsOfIndex = await api('/api/facets');
      fillSelect('organisation', facetsOfIndex.organisation);
      fillSelect('organ', facetsOfIndex.organ);
      syncForm(currentSearch());
    } catch (_) { /* shown by the view */ }
  }
}

start();
