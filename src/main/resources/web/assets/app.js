/*
 * The auto-m4b dashboard: reads the REST API (api/v1/...) relative to the page, so it works under any URL_BASE.
 * Live updates come from the event stream (api/v1/events); a full refresh of /status every 10 s is the fallback.
 * API strings only ever reach the page as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var API = 'api/v1/';
  var REFRESH_MS = 10000;
  var SPEED_POINTS = 600;

  var ACTIONS = {
    'retry': { label: 'Retry', text: 'Queue this book again, its attempts reset?' },
    'skip-conversion': { label: 'Skip conversion', text: 'Pass this book through as it is, without converting it?' },
    'reprocess': { label: 'Reprocess', text: 'Convert this book again from scratch, replacing its output?' },
    'tag': { label: 'Tag…', text: 'Tag this book again? Give an ASIN and region to choose the match.' },
    'cancel': { label: 'Cancel', text: 'Stop this book? Its files stay in the inbox.', danger: true },
    'approve': { label: 'Approve', text: 'Release this book from the review folder into the library?' },
    'reject': { label: 'Reject…', text: 'Send this book to the failed folder? Say why.', danger: true },
    'delete': { label: 'Delete', text: 'Forget this job? Its files are not touched.', danger: true }
  };

  var state = {
    csrf: null,
    authMethod: null,
    status: null,
    auditPage: 1,
    auditPages: 1,
    openJobId: null,
    speed: { id: null, name: null, xs: [], ys: [] },
    dailyChart: null,
    speedChart: null,
    refreshTimer: null,
    soonTimer: null,
    resultTimer: null,
    events: null
  };

  // ---------- small helpers ----------

  function $(id) { return document.getElementById(id); }

  /** Builds an element; attrs are set as attributes (text as textContent), children appended (strings as text). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'text') { node.textContent = String(value); }
        else if (name === 'className') { node.className = value; }
        else if (name === 'onclick') { node.addEventListener('click', value); }
        else { node.setAttribute(name, value === true ? '' : String(value)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function show(node, visible) { node.hidden = !visible; }

  function fmtNumber(n, digits) {
    if (n === null || n === undefined || isNaN(n)) { return '–'; }
    return Number(n).toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function fmtDuration(seconds) {
    if (seconds === null || seconds === undefined || isNaN(seconds)) { return '–'; }
    var s = Math.max(0, Math.round(seconds));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    if (d > 0) { return d + ' d ' + h + ' h'; }
    if (h > 0) { return h + ' h ' + m + ' min'; }
    if (m > 0) { return m + ' min ' + r + ' s'; }
    return r + ' s';
  }

  function fmtBytes(bytes) {
    if (bytes === null || bytes === undefined || isNaN(bytes)) { return '–'; }
    var units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
    var v = Number(bytes), i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)) + ' ' + units[i];
  }

  function fmtTime(iso) {
    if (!iso) { return '–'; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
  }

  function fmtPercent(ratio) {
    if (ratio === null || ratio === undefined || isNaN(ratio)) { return '–'; }
    return (ratio * 100).toFixed(1) + ' %';
  }

  function fmtSpeed(speed) {
    return speed === null || speed === undefined || isNaN(speed) ? '–' : Number(speed).toFixed(1) + '×';
  }

  function stateLabel(code) { return code ? String(code).replace(/_/g, ' ') : '–'; }

  function jobUrl(id) { return API + 'jobs/' + encodeURIComponent(id); }

  // ---------- HTTP ----------

  /** Raised for an answer that is not 2xx; carries the RFC 9457 problem when the body is one. */
  function HttpError(status, problem, text) {
    this.status = status;
    this.problem = problem;
    this.message = (problem && (problem.detail || problem.title)) || text || ('HTTP ' + status);
  }

  /** Marks the API reachable or not: fetch failures and 5xx raise the banner, any other answer lowers it. */
  function reachable(ok, detail) {
    show($('banner-unreachable'), !ok);
    $('banner-unreachable-detail').textContent = ok ? '' : (detail || '');
    if (!ok) {
      $('service-state').textContent = 'unreachable';
      $('service-state').className = 'pill pill-down';
      $('uptime').textContent = '–';
    }
  }

  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (method !== 'GET') {
      if (state.csrf) { headers['X-CSRF-Token'] = state.csrf; }
      if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    }
    return fetch(path, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      reachable(response.status < 500, 'It answered ' + response.status + '.');
      if (response.status === 401) {
        toLogin();
        throw new HttpError(401, null, 'Not logged in');
      }
      if (response.status === 204) { return null; }
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!response.ok) { throw new HttpError(response.status, json, text); }
        return json;
      });
    }, function (error) {
      reachable(false, 'The request failed (' + (error && error.message ? error.message : 'network error') + ').');
      throw error;
    });
  }

  function toLogin() {
    if (state.authMethod !== 'none') { window.location.href = 'login'; }
  }

  // ---------- session ----------

  function loadSession() {
    return api('GET', API + 'auth/session').then(function (session) {
      state.csrf = session && session.csrfToken;
      state.authMethod = session && session.authMethod;
      $('user-name').textContent = session && session.user ? session.user : '';
      show($('logout'), state.authMethod !== 'none');
      show($('banner-auth-none'), state.authMethod === 'none');
    });
  }

  function logout() {
    api('POST', API + 'auth/logout').then(function () {
      window.location.href = 'login';
    }, function () {
      window.location.href = 'login';
    });
  }

  // ---------- status ----------

  function refreshAll() {
    return Promise.all([refreshStatus(), refreshFailures(), refreshReview(), refreshAudit()]);
  }

  function refreshStatus() {
    return api('GET', API + 'status').then(function (status) {
      state.status = status;
      renderStatus(status);
    }, function () { /* shown by the banner */ });
  }

  /** A refresh soon after a job event: several events in a row cost one refresh. */
  function refreshSoon() {
    if (state.soonTimer) { return; }
    state.soonTimer = window.setTimeout(function () {
      state.soonTimer = null;
      refreshAll();
      if (state.openJobId) { loadJob(state.openJobId, true); }
    }, 400);
  }

  function renderStatus(s) {
    var running = s.service && s.service.running;
    $('service-state').textContent = running ? 'running' : 'stopped';
    $('service-state').className = 'pill ' + (running ? 'pill-up' : 'pill-down');
    $('version').textContent = s.version || '–';
    $('uptime').textContent = running && s.service ? fmtDuration(s.service.uptimeSeconds) : '–';
    if (s.auth && s.auth.method) {
      state.authMethod = s.auth.method;
      show($('banner-auth-none'), s.auth.method === 'none');
    }
    renderHold(s.conversion);
    renderEmptyState(s);
    renderInProgress(s.inProgress || []);
    renderQueue(s.queue || [], s.queued);
    renderTotals(s.totals || {});
    renderFolders(s.folders || []);
    renderRecent(s.recentConversions || []);
    renderDaily(s.daily || []);
    feedSpeedFromStatus(s.inProgress || []);
  }

  /** The status document's conversion block: why new books wait (a pause, quiet hours), if they do. */
  function renderHold(c) {
    var held = !!(c && c.held);
    if (held) {
      var why = [];
      if (c.pausedSince) { why.push('paused since ' + fmtTime(c.pausedSince) + (c.pausedBy ? ' by ' + c.pausedBy : '')); }
      if (c.outsideSchedule) {
        why.push('outside CONVERT_SCHEDULE ' + c.schedule + (c.opensAt ? ', opens ' + fmtTime(c.opensAt) : ''));
      }
      $('banner-held').textContent = 'Conversions held: ' + why.join('; ') + '. New books wait in the queue.';
    }
    show($('banner-held'), held);
  }

  function renderEmptyState(s) {
    var counts = s.counts || {};
    var jobs = Object.keys(counts).reduce(function (sum, k) { return sum + (Number(counts[k]) || 0); }, 0);
    var inbox = (s.folders || []).filter(function (f) { return f.setting === 'INBOX_FOLDER'; })[0];
    $('inbox-path').textContent = inbox ? inbox.path : 'INBOX_FOLDER';
    show($('empty-state'), jobs === 0);
  }

  function jobLink(job, name) {
    return el('button', {
      type: 'button', className: 'link', 'data-testid': 'job-link', 'data-job-id': job.id,
      onclick: function () { openJob(job.id, name || job.name || job.key); }
    }, name || job.name || job.key || job.id);
  }

  function renderInProgress(jobs) {
    var list = clear($('in-progress-list'));
    show($('in-progress-none'), jobs.length === 0);
    jobs.forEach(function (job) {
      var p = job.progress || {};
      // no percent yet (just claimed, or between stages): an indeterminate bar rather than a false 0 %
      var known = p.percent !== null && p.percent !== undefined;
      var percent = known ? Math.max(0, Math.min(100, p.percent)) : null;
      var item = el('li', { className: 'job', 'data-testid': 'progress-item', 'data-job-id': job.id, 'data-state': job.state },
        el('div', { className: 'job-head' },
          jobLink(job),
          el('span', { className: 'pill pill-' + job.state, 'data-testid': 'job-state', text: stateLabel(job.state) })),
        el('progress', { max: '100', value: known ? String(percent) : null, 'data-testid': 'progress-bar',
          'aria-label': 'Progress of ' + (job.name || job.key) }),
        el('div', { className: 'job-meta' },
          el('span', { 'data-testid': 'progress-percent', text: known ? percent.toFixed(1) + ' %' : '–' }),
          el('span', { 'data-testid': 'progress-stage', text: p.stage ? stateLabel(p.stage) : '' }),
          el('span', { 'data-testid': 'progress-speed', text: 'speed ' + fmtSpeed(p.speed) }),
          el('span', { 'data-testid': 'progress-eta', text: 'ETA ' + fmtDuration(p.etaSeconds) })),
        actionButtons(job, ['cancel']));
      list.appendChild(item);
    });
  }

  /** Updates one book's bar from a progress event, without waiting for the next status refresh. */
  function applyProgress(data) {
    if (!data || !data.id || !data.progress) { return; }
    var item = document.querySelector('#in-progress-list li[data-job-id="' + cssEscape(data.id) + '"]');
    var p = data.progress;
    if (item) {
      var percent = Math.max(0, Math.min(100, p.percent || 0));
      item.querySelector('[data-testid=progress-bar]').value = percent;
      item.querySelector('[data-testid=progress-bar]').setAttribute('value', String(percent));
      item.querySelector('[data-testid=progress-percent]').textContent = percent.toFixed(1) + ' %';
      item.querySelector('[data-testid=progress-stage]').textContent = p.stage ? stateLabel(p.stage) : '';
      item.querySelector('[data-testid=progress-speed]').textContent = 'speed ' + fmtSpeed(p.speed);
      item.querySelector('[data-testid=progress-eta]').textContent = 'ETA ' + fmtDuration(p.etaSeconds);
    } else {
      refreshSoon(); // a book the page has not listed yet
    }
    var name = data.key ? String(data.key).split('/').pop() : data.id;
    addSpeedPoint(data.id, name, p.speed);
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
  }

  function renderQueue(queue, queued) {
    var waiting = queue.filter(function (j) { return j.state !== 'converting' && j.state !== 'tagging'; });
    var body = clear($('queue-body'));
    // `queued` counts the books converting too: they are listed under In progress, not here
    var total = queued === undefined || queued === null ? waiting.length
      : Math.max(waiting.length, queued - (queue.length - waiting.length));
    $('queue-count').textContent = total ? '(' + total + ')' : '';
    show($('queue-none'), waiting.length === 0);
    show($('queue-table'), waiting.length > 0);
    waiting.forEach(function (job) {
      var when = job.state === 'retry_scheduled'
        ? 'retry at ' + fmtTime(job.nextRetryAt)
        : 'since ' + fmtTime(job.updatedAt);
      body.appendChild(el('tr', { 'data-testid': 'queue-row', 'data-job-id': job.id, 'data-state': job.state },
        el('td', null, jobLink(job)),
        el('td', null, el('span', { className: 'pill pill-' + job.state, 'data-testid': 'job-state', text: stateLabel(job.state) })),
        el('td', { text: String(job.attempts === undefined ? '–' : job.attempts) }),
        el('td', { text: when })));
    });
    if (total > waiting.length && waiting.length > 0 && queue.length >= 20) {
      body.appendChild(el('tr', null, el('td', { colspan: '4', className: 'muted',
        text: 'and more: ' + total + ' in all' })));
    }
  }

  var TOTAL_ROWS = [
    ['Converted', function (t) { return fmtNumber(t.converted); }],
    ['Passed through', function (t) { return fmtNumber(t.passedThrough); }],
    ['Failed', function (t) { return fmtNumber(t.failed); }],
    ['Success rate', function (t) { return fmtPercent(t.successRate); }],
    ['Average conversion', function (t) { return fmtDuration(t.averageSeconds); }],
    ['Fastest', function (t) { return fmtDuration(t.fastestSeconds); }],
    ['Slowest', function (t) { return fmtDuration(t.slowestSeconds); }],
    ['Hours of audio', function (t) { return fmtNumber(t.audioHours, 1); }],
    ['Size of audio', function (t) { return fmtBytes(t.audioBytes); }]
  ];

  function renderTotals(totals) {
    var body = clear($('totals-body'));
    var life = totals.lifetime || {}, session = totals.session || {};
    TOTAL_ROWS.forEach(function (row) {
      var key = row[0].toLowerCase().replace(/[^a-z]+/g, '-');
      body.appendChild(el('tr', { 'data-testid': 'totals-' + key },
        el('th', { scope: 'row', text: row[0] }),
        el('td', { 'data-testid': 'lifetime', text: row[1](life) }),
        el('td', { 'data-testid': 'session', text: row[1](session) })));
    });
  }

  function renderFolders(folders) {
    var list = clear($('folders-list'));
    folders.forEach(function (f) {
      var used = f.totalBytes ? 1 - f.freeBytes / f.totalBytes : null;
      list.appendChild(el('li', { 'data-testid': 'folder', 'data-setting': f.setting },
        el('div', { className: 'folder-head' },
          el('strong', { text: f.setting }),
          el('span', { className: 'muted', text: fmtBytes(f.freeBytes) + ' free of ' + fmtBytes(f.totalBytes) })),
        el('div', { className: 'path', text: f.path }),
        used === null ? null : el('meter', { min: '0', max: '1', low: '0.8', high: '0.95', optimum: '0',
          value: String(used), 'aria-label': 'Space used in ' + f.setting })));
    });
  }

  function renderRecent(runs) {
    var body = clear($('recent-body'));
    show($('recent-none'), runs.length === 0);
    show($('recent-table'), runs.length > 0);
    runs.forEach(function (run) {
      var name = run.key ? String(run.key).split('/').pop() : run.id;
      var outcome = String(run.outcome || '').toLowerCase();
      body.appendChild(el('tr', { 'data-testid': 'recent-row', 'data-job-id': run.id, 'data-outcome': outcome },
        el('td', null, run.id ? jobLink({ id: run.id, key: run.key }, name) : name),
        el('td', null, el('span', { className: 'pill pill-' + outcome, text: stateLabel(outcome) })),
        el('td', { text: fmtTime(run.finishedAt) }),
        el('td', { text: fmtDuration(run.elapsedSeconds) }),
        el('td', { text: fmtDuration(run.audioSeconds) }),
        el('td', { text: fmtBytes(run.outputBytes) })));
    });
  }

  // ---------- failures, review, audit ----------

  function refreshFailures() {
    return api('GET', API + 'jobs?status=failed&size=50').then(function (paged) {
      var items = (paged && paged.items) || [];
      var list = clear($('failures-list'));
      show($('failures-none'), items.length === 0);
      $('failures-count').textContent = paged && paged.total ? '(' + paged.total + ')' : '';
      items.forEach(function (job) {
        list.appendChild(el('li', { className: 'job', 'data-testid': 'failure-item', 'data-job-id': job.id, 'data-state': job.state },
          el('div', { className: 'job-head' },
            jobLink(job),
            el('span', { className: 'muted', text: fmtTime(job.finishedAt || job.updatedAt) })),
          el('div', { className: 'error', 'data-testid': 'failure-error', text: job.error || 'no reason recorded' }),
          el('div', { className: 'actions' },
            el('button', { type: 'button', className: 'secondary', 'data-testid': 'open-details',
              onclick: function () { openJob(job.id, job.name); } }, 'Details'))));
      });
    }, function () { /* banner */ });
  }

  function refreshReview() {
    return api('GET', API + 'jobs?status=review&size=50').then(function (paged) {
      var items = (paged && paged.items) || [];
      var list = clear($('review-list'));
      show($('review'), items.length > 0);
      $('review-count').textContent = items.length ? '(' + (paged.total || items.length) + ')' : '';
      items.forEach(function (job) {
        list.appendChild(el('li', { className: 'job', 'data-testid': 'review-item', 'data-job-id': job.id },
          el('div', { className: 'job-head' }, jobLink(job),
            el('span', { className: 'path', text: job.outputPath || '' })),
          actionButtons(job, ['approve', 'reject'])));
      });
    }, function () {
      show($('review'), false); // a service without the review gate may refuse the state
    });
  }

  function refreshAudit() {
    return api('GET', API + 'audit?page=' + state.auditPage + '&size=20').then(function (paged) {
      var items = (paged && paged.items) || [];
      state.auditPages = Math.max(1, (paged && paged.pages) || 1);
      var body = clear($('audit-body'));
      show($('audit-none'), items.length === 0);
      items.forEach(function (a) {
        var name = a.key ? String(a.key).split('/').pop() : '';
        body.appendChild(el('tr', { 'data-testid': 'audit-row', 'data-action': a.action, 'data-result': a.result },
          el('td', { text: fmtTime(a.at) }),
          el('td', { text: a.actor || '' }),
          el('td', { text: a.action || '' }),
          el('td', null, a.jobId ? jobLink({ id: a.jobId, key: a.key }, name) : name),
          el('td', { text: a.result || '' }),
          el('td', { className: 'detail', text: a.detail || '' })));
      });
      $('audit-page').textContent = 'page ' + state.auditPage + ' of ' + state.auditPages;
      $('audit-prev').disabled = state.auditPage <= 1;
      $('audit-next').disabled = state.auditPage >= state.auditPages;
    }, function () { /* banner */ });
  }

  // ---------- job details ----------

  function openJob(id, name) {
    state.openJobId = id;
    $('job-title').textContent = name || 'Book';
    show($('job-loading'), true);
    show($('job-body'), false);
    $('job-loading').textContent = 'Loading…';
    hideResult($('job-action-result'));
    var dialog = $('job-dialog');
    if (!dialog.open) { dialog.showModal(); }
    loadJob(id, false);
  }

  function loadJob(id, quiet) {
    return api('GET', jobUrl(id)).then(function (job) {
      if (state.openJobId !== id) { return; }
      renderJob(job);
    }, function (error) {
      if (state.openJobId !== id) { return; }
      if (error instanceof HttpError && error.status === 404) {
        $('job-loading').textContent = 'This job is no longer known (it may have been deleted).';
        show($('job-loading'), true);
        show($('job-body'), false);
      } else if (!quiet) {
        $('job-loading').textContent = 'Could not load the book: ' + (error.message || error);
      }
    });
  }

  function renderJob(job) {
    $('job-title').textContent = job.name || job.key;
    $('job-state').textContent = stateLabel(job.state);
    $('job-state').setAttribute('data-state', job.state);
    $('job-attempts').textContent = String(job.attempts);
    $('job-updated').textContent = fmtTime(job.updatedAt);
    $('job-output').textContent = job.outputPath || '–';
    var actions = clear($('job-actions'));
    actions.appendChild(actionButtons(job));
    var error = job.errorMessage || job.error;
    $('job-error').textContent = error || '';
    show($('job-error-section'), !!error);
    $('job-failed-info').textContent = job.failedInfo || '';
    show($('job-failed-info-section'), !!job.failedInfo);
    var events = clear($('job-events'));
    (job.events || []).forEach(function (e) {
      events.appendChild(el('tr', null,
        el('td', { text: fmtTime(e.at) }), el('td', { text: stateLabel(e.from) }), el('td', { text: stateLabel(e.to) }),
        el('td', { text: e.cause || '' }), el('td', { className: 'detail', text: e.message || '' })));
    });
    // what was told to whom about the book (notifications, webhooks, library refresh, the script); masked by the service
    var deliveries = job.deliveries || [];
    var deliveryRows = clear($('job-deliveries'));
    deliveries.forEach(function (d) {
      deliveryRows.appendChild(el('tr', { 'data-testid': 'delivery-row', 'data-outcome': d.outcome, 'data-event': d.event },
        el('td', { text: fmtTime(d.at) }), el('td', { text: d.event }), el('td', { className: 'path', text: d.destination }),
        el('td', null, el('span', { className: 'pill pill-' + d.outcome, text: d.outcome })),
        el('td', { text: String(d.attempts) }),
        el('td', { className: 'detail', text: (d.statusCode != null ? d.statusCode + ' ' : '') + (d.detail || '') })));
    });
    show($('job-deliveries-section'), deliveries.length > 0);
    var log = job.logTail || [];
    $('job-log').textContent = log.join('\n');
    show($('job-log-section'), log.length > 0);
    show($('job-loading'), false);
    show($('job-body'), true);
  }

  // ---------- actions ----------

  /** A button for each allowed action of job (only those in `only` when given). */
  function actionButtons(job, only) {
    var box = el('div', { className: 'actions' });
    (job.actions || []).forEach(function (action) {
      if (only && only.indexOf(action) < 0) { return; }
      var def = ACTIONS[action] || { label: action, text: 'Run ' + action + ' on this book?' };
      box.appendChild(el('button', {
        type: 'button', className: def.danger ? 'danger' : '', 'data-testid': 'action-' + action,
        'data-action': action, 'data-job-id': job.id,
        'aria-label': def.label.replace('…', '') + ' ' + (job.name || job.key),
        onclick: function () { confirmAction(job, action); }
      }, def.label));
    });
    return box;
  }

  /** Opens the confirmation dialog; runs the action when it is confirmed. */
  function confirmAction(job, action) {
    var def = ACTIONS[action] || { label: action, text: 'Run ' + action + '?' };
    var dialog = $('confirm-dialog');
    $('confirm-title').textContent = def.label.replace('…', '') + ': ' + (job.name || job.key);
    $('confirm-text').textContent = def.text;
    $('confirm-ok').textContent = def.label.replace('…', '');
    $('confirm-ok').className = def.danger ? 'danger' : '';
    show($('confirm-tag-fields'), action === 'tag');
    show($('confirm-reason-fields'), action === 'reject');
    $('confirm-asin').value = '';
    $('confirm-region').value = '';
    $('confirm-reason').value = '';
    $('confirm-reason').required = action === 'reject';
    dialog.returnValue = '';
    dialog.onclose = function () {
      dialog.onclose = null;
      if (dialog.returnValue !== 'ok') { return; }
      runAction(job, action, actionBody(action));
    };
    dialog.showModal();
    (action === 'tag' ? $('confirm-asin') : action === 'reject' ? $('confirm-reason') : $('confirm-cancel')).focus();
  }

  function actionBody(action) {
    if (action === 'tag') {
      var body = {};
      var asin = $('confirm-asin').value.trim(), region = $('confirm-region').value.trim();
      if (asin) { body.asin = asin; }
      if (region) { body.region = region; }
      return body;
    }
    if (action === 'reject') { return { reason: $('confirm-reason').value.trim() }; }
    return undefined;
  }

  function runAction(job, action, body) {
    var request = action === 'delete'
      ? api('DELETE', jobUrl(job.id))
      : api('POST', jobUrl(job.id) + '/' + action, body);
    var label = (ACTIONS[action] ? ACTIONS[action].label.replace('…', '') : action);
    var name = job.name || job.key;
    request.then(function (result) {
      var message = result && result.message ? result.message : label + ' done.';
      report(label + ' — ' + name + ': ' + message, false);
      if (action === 'delete' && state.openJobId === job.id) {
        $('job-dialog').close();
      }
      refreshSoon();
    }, function (error) {
      var detail = error instanceof HttpError ? error.message : 'the service did not answer';
      report(label + ' — ' + name + ' was refused: ' + detail, true);
    });
  }

  /** Shows an action's outcome on the page and, when the details are open, in the dialog too. */
  function report(message, isError) {
    [$('action-result'), $('job-action-result')].forEach(function (node) {
      node.textContent = message;
      node.className = node.id === 'action-result'
        ? 'banner ' + (isError ? 'banner-error' : 'banner-info')
        : 'result ' + (isError ? 'result-error' : 'result-ok');
      node.setAttribute('data-outcome', isError ? 'error' : 'ok');
      node.hidden = false;
    });
    if (!$('job-dialog').open) { $('job-action-result').hidden = true; }
    // an accepted action's note goes after a while; a refusal stays until the next action
    window.clearTimeout(state.resultTimer);
    if (!isError) {
      state.resultTimer = window.setTimeout(function () { $('action-result').hidden = true; }, 20000);
    }
  }

  function hideResult(node) { node.hidden = true; node.textContent = ''; }

  // ---------- charts ----------

  function chartWidth(node) {
    return Math.max(240, Math.floor((node.clientWidth || node.parentNode.clientWidth || 600)));
  }

  function renderDaily(daily) {
    var xs = [], converted = [], failed = [], hours = [];
    var sumC = 0, sumF = 0, sumH = 0;
    daily.forEach(function (d) {
      xs.push(Date.parse(d.date + 'T00:00:00Z') / 1000);
      converted.push(d.converted || 0);
      failed.push(d.failed || 0);
      hours.push(d.audioHours || 0);
      sumC += d.converted || 0; sumF += d.failed || 0; sumH += d.audioHours || 0;
    });
    $('chart-daily-summary').textContent = 'Last ' + daily.length + ' days: ' + sumC + ' converted, ' + sumF
      + ' failed, ' + fmtNumber(sumH, 1) + ' hours of audio.';
    if (!window.uPlot || xs.length === 0) { return; }
    var data = [xs, converted, failed, hours];
    if (state.dailyChart) { state.dailyChart.setData(data); return; }
    var node = $('chart-daily');
    var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.4, 40], align: -1 }) : undefined;
    var bars2 = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.4, 40], align: 1 }) : undefined;
    state.dailyChart = new uPlot({
      width: chartWidth(node), height: 220,
      // half a day of room each side, so the first and last days' bars are drawn whole
      scales: { x: { time: true, range: function (u, min, max) { return [min - 43200, max + 43200]; } }, n: { range: function (u, min, max) { return [0, Math.max(1, max)]; } },
        h: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [{}, { scale: 'n', label: 'books' }, { scale: 'h', side: 1, label: 'hours', grid: { show: false } }],
      series: [{},
        { label: 'converted', scale: 'n', stroke: '#2e7d32', fill: 'rgba(46,125,50,0.5)', paths: bars, points: { show: false } },
        { label: 'failed', scale: 'n', stroke: '#c62828', fill: 'rgba(198,40,40,0.5)', paths: bars2, points: { show: false } },
        { label: 'hours of audio', scale: 'h', stroke: '#1565c0', width: 2 }]
    }, data, node);
  }

  function feedSpeedFromStatus(inProgress) {
    var current = inProgress.filter(function (j) { return j.progress; })[0];
    if (!current) {
      if (!state.speed.id) { $('chart-speed-summary').textContent = 'No book converting.'; }
      return;
    }
    addSpeedPoint(current.id, current.name || current.key, current.progress.speed);
  }

  /** Keeps the speed samples of the current book (a new book starts a new series). */
  function addSpeedPoint(id, name, speed) {
    if (speed === null || speed === undefined || isNaN(speed)) { return; }
    var s = state.speed;
    if (s.id !== id) {
      s.id = id; s.name = name; s.xs = []; s.ys = [];
      if (state.speedChart) { state.speedChart.setData([[], []]); }
    }
    var now = Date.now() / 1000;
    if (s.xs.length && now - s.xs[s.xs.length - 1] < 0.2) { return; }
    s.xs.push(now); s.ys.push(Number(speed));
    if (s.xs.length > SPEED_POINTS) { s.xs.shift(); s.ys.shift(); }
    $('chart-speed-summary').textContent = (s.name || 'Current book') + ': ' + fmtSpeed(speed) + ' now, '
      + s.xs.length + ' samples.';
    if (!window.uPlot || s.xs.length < 2) { return; }
    var data = [s.xs.slice(), s.ys.slice()];
    if (state.speedChart) { state.speedChart.setData(data); return; }
    var node = $('chart-speed');
    state.speedChart = new uPlot({
      width: chartWidth(node), height: 180,
      // at least a minute wide, with clock times: a short encode would otherwise be labelled in milliseconds
      scales: { x: { time: true, range: function (u, min, max) { return [min, Math.max(max, min + 60)]; } },
        y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      axes: [{ values: function (u, splits) {
        return splits.map(function (v) { return new Date(v * 1000).toLocaleTimeString(); });
      } }, { label: '× real time' }],
      series: [{}, { label: 'speed', stroke: '#6a1b9a', width: 2 }]
    }, data, node);
  }

  function resizeCharts() {
    [['dailyChart', 'chart-daily', 220], ['speedChart', 'chart-speed', 180]].forEach(function (c) {
      var chart = state[c[0]];
      if (chart) { chart.setSize({ width: chartWidth($(c[1])), height: c[2] }); }
    });
  }

  // ---------- live events ----------

  function connectEvents() {
    if (!window.EventSource) { return; }
    var source = new EventSource(API + 'events');
    state.events = source;
    source.addEventListener('job', function (e) {
      refreshSoon();
    });
    source.addEventListener('progress', function (e) {
      try { applyProgress(JSON.parse(e.data)); } catch (err) { /* a malformed event changes nothing */ }
    });
    source.onopen = function () { reachable(true); };
    source.onerror = function () {
      // the browser reconnects by itself; a status read tells whether the service is gone
      refreshStatus();
    };
  }

  // ---------- start ----------

  function start() {
    $('logout').addEventListener('click', logout);
    $('job-close').addEventListener('click', function () { $('job-dialog').close(); });
    $('job-dialog').addEventListener('close', function () { state.openJobId = null; });
    $('audit-prev').addEventListener('click', function () {
      if (state.auditPage > 1) { state.auditPage--; refreshAudit(); }
    });
    $('audit-next').addEventListener('click', function () {
      if (state.auditPage < state.auditPages) { state.auditPage++; refreshAudit(); }
    });
    window.addEventListener('resize', resizeCharts);
    loadSession().then(function () {
      refreshAll();
      connectEvents();
    }, function () {
      refreshAll(); // the banner says why, or the 401 went to the login page
      connectEvents();
    });
    state.refreshTimer = window.setInterval(function () {
      refreshAll();
      if (state.openJobId) { loadJob(state.openJobId, true); }
    }, REFRESH_MS);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
