// The coverage board: plain JavaScript, no build step. It reads GET /api/coverage and follows
// GET /api/coverage/stream (server-sent events, read with fetch so the bearer token can be sent),
// reconnecting by itself. The token is given once (#token=... in the URL, or the form) and kept in
// localStorage; the page holds only the latest coverage document, so it does not grow over a day.

const TOKEN_KEY = 'volunteerops.token';
const params = new URLSearchParams(location.search);
const conferenceId = params.get('conferenceId');
const $ = (id) => document.getElementById(id);

const state = { coverage: null, role: '', day: '', asOf: null, stream: null };

takeTokenFromFragment();
wireControls();
start();

function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    localStorage.setItem(TOKEN_KEY, fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search); // keep it out of the address bar
  }
}

function start() {
  if (!conferenceId) {
    return signIn('Open this page with ?conferenceId=<the conference id> in the address.', false);
  }
  if (!localStorage.getItem(TOKEN_KEY)) {
    return signIn('Ask the volunteer desk for a viewer token, paste it below once, and the board remembers it.');
  }
  $('sign-in').hidden = true;
  $('board').hidden = false;
  follow();
}

function signIn(reason, askForToken = true) {
  stopStream();
  $('board').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-reason').textContent = reason;
  $('token-form').hidden = !askForToken;
  setStatus(askForToken ? 'Not signed in' : 'No conference chosen', 'error');
}

function wireControls() {
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('role-filter').addEventListener('change', (e) => { state.role = e.target.value; render(); });
  $('day-filter').addEventListener('change', (e) => { state.day = e.target.value; render(); });
  $('as-of').addEventListener('change', (e) => {
    state.asOf = e.target.value ? new Date(e.target.value) : null;
    state.asOf ? showPast() : follow();
  });
  $('live').addEventListener('click', () => { $('as-of').value = ''; state.asOf = null; follow(); });
}

function headers() {
  return { Authorization: 'Bearer ' + localStorage.getItem(TOKEN_KEY) };
}

/** 401/403: the token is missing, expired or not allowed; say so politely and ask again. */
function refused(response) {
  if (response.status === 401 || response.status === 403) {
    localStorage.removeItem(TOKEN_KEY);
    signIn(response.status === 401
      ? 'Your token is not valid (or has expired). Please paste a new one.'
      : 'This token may not view coverage. Please paste a viewer token.');
    return true;
  }
  return false;
}

async function showPast() {
  stopStream();
  const url = `/api/coverage?conferenceId=${encodeURIComponent(conferenceId)}&asOf=${encodeURIComponent(state.asOf.toISOString())}`;
  const response = await fetch(url, { headers: headers() });
  if (refused(response)) return;
  if (!response.ok) return setStatus(`Could not load coverage as of that time (${response.status})`, 'error');
  state.coverage = await response.json();
  setStatus('As of ' + state.asOf.toLocaleString(), '');
  render();
}

/** Follows the live stream until stopped; reconnects two seconds after any failure. */
function follow() {
  stopStream();
  const controller = new AbortController();
  state.stream = controller;
  (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`/api/coverage/stream?conferenceId=${encodeURIComponent(conferenceId)}`,
          { headers: headers(), signal: controller.signal });
        if (refused(response)) return;
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        setStatus('Live', 'live');
        // Documents can arrive faster than a busy page paints (each render rebuilds every card): keep only the
        // newest and parse and render it once per frame, so a backlog never turns into minutes of stale renders.
        let newest = null;
        await readEvents(response.body, controller.signal, (event, data) => {
          if (event !== 'coverage') return;
          const scheduled = newest !== null;
          newest = data;
          if (scheduled) return;
          requestAnimationFrame(() => {
            const latest = newest;
            newest = null;
            if (controller.signal.aborted) return; // the as-of view or a new connection took over meanwhile
            state.coverage = JSON.parse(latest);
            render();
          });
        });
        throw new Error('stream ended');
      } catch (e) {
        if (controller.signal.aborted) return;
        setStatus('Reconnecting…', 'error');
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  })();
}

function stopStream() {
  state.stream?.abort();
  state.stream = null;
}

/** Server-sent events from a fetch body: blocks separated by a blank line, "event:" and "data:" fields. */
async function readEvents(body, signal, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, data.join('\n'));
    }
  }
}

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').className = kind;
}

// Every document repeats the same few hundred timestamps: format each once (the cache holds one entry per distinct
// start or end time of the conference, so it stays small).
const memo = (format) => { const cache = new Map(); return (iso) => cache.get(iso) ?? cache.set(iso, format(iso)).get(iso); };
const time = memo((iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
const dayOf = memo((iso) => new Date(iso).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' }));
const hourOf = memo((iso) => { const d = new Date(iso); d.setMinutes(0, 0, 0); return d.getTime(); });

function render() {
  const coverage = state.coverage;
  if (!coverage) return;
  const shifts = coverage.shifts ?? [];
  $('title').textContent = `Coverage · ${coverage.totals.filled}/${coverage.totals.capacity} seats filled · ${coverage.totals.understaffed} below minimum`;

  fillSelect($('role-filter'), [...new Set(shifts.map((s) => s.role))].sort(), state.role, 'All roles');
  const days = [...new Set(shifts.map((s) => dayOf(s.startsAt)))];
  if (!days.includes(state.day)) state.day = days[0] ?? '';
  fillSelect($('day-filter'), days, state.day, null);

  const visible = shifts.filter((s) => (!state.role || s.role === state.role) && dayOf(s.startsAt) === state.day);
  renderGrid(visible);
  renderNeeds(coverage.understaffed ?? []);
}

function fillSelect(select, values, selected, allLabel) {
  const options = (allLabel ? [['', allLabel]] : []).concat(values.map((v) => [v, v]));
  const signature = options.map((o) => o[0]).join('|');
  if (select.dataset.signature !== signature) {
    select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
    select.dataset.signature = signature;
  }
  select.value = selected;
}

/**
 * Lays the grid out again only when its shape changes (other shifts, locations or hours on screen); otherwise each
 * document just updates the cards it already has, so 50 changes a second do not rebuild ~1,700 nodes each time.
 */
function renderGrid(shifts) {
  const grid = $('grid');
  const layout = shifts.map((s) => `${s.id}@${s.location}@${s.startsAt}`).sort().join('|');
  if (grid.dataset.layout === layout) {
    for (const s of shifts) updateCard(grid.querySelector(`[data-shift-id="${s.id}"]`), s);
    return;
  }
  grid.dataset.layout = layout;
  if (shifts.length === 0) {
    grid.style.gridTemplateColumns = '1fr';
    grid.replaceChildren(Object.assign(document.createElement('div'), { className: 'empty', textContent: 'No shifts to show.' }));
    return;
  }
  const locations = [...new Set(shifts.map((s) => s.location))].sort();
  const hours = [...new Set(shifts.map((s) => hourOf(s.startsAt)))].sort((a, b) => a - b);
  grid.style.gridTemplateColumns = `5rem repeat(${locations.length}, minmax(11rem, 1fr))`;
  const cells = [element('div', 'col-head', '')].concat(locations.map((l) => element('div', 'col-head', l)));
  for (const hour of hours) {
    cells.push(element('div', 'row-head', time(new Date(hour).toISOString())));
    for (const location of locations) {
      const cell = element('div', 'cell', '');
      shifts.filter((s) => s.location === location && hourOf(s.startsAt) === hour)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .forEach((s) => cell.append(card(s)));
      cells.push(cell);
    }
  }
  grid.replaceChildren(...cells);
}

function card(s) {
  const node = element('div', '', '');
  node.dataset.shiftId = s.id;
  node.append(element('div', 'role', ''), element('div', 'name', ''), element('div', 'count', ''));
  updateCard(node, s);
  return node;
}

/** Writes only what differs, so an unchanged card costs a comparison and no style or layout work. */
function updateCard(node, s) {
  const [role, name, count] = node.children;
  const fields = [[node, 'className', `card ${s.status}`], [node.dataset, 'status', s.status],
    [node, 'title', `${s.title}, ${time(s.startsAt)}–${time(s.endsAt)}: ${s.filled} of ${s.capacity} (minimum ${s.minimum})`],
    [role, 'textContent', s.role], [name, 'textContent', s.title], [count, 'textContent', `${s.filled}/${s.capacity}`]];
  for (const [target, key, value] of fields) if (target[key] !== value) target[key] = value;
}

function renderNeeds(understaffed) {
  const list = $('needs-list');
  if (understaffed.length === 0) {
    list.replaceChildren(element('li', 'none', 'Nothing: every shift starting soon has its minimum.'));
    return;
  }
  list.replaceChildren(...understaffed.map((s) =>
    element('li', '', `${time(s.startsAt)} ${s.location}: ${s.title} (${s.role}) needs ${Math.max(0, s.minimum - s.filled)} more`)));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}
