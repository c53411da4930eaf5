/* The login page: posts the form as JSON to api/v1/auth/login and goes to the dashboard; shows the problem's detail otherwise. */
(function () {
  'use strict';

  var API = 'api/v1/';

  function $(id) { return document.getElementById(id); }

  function showError(message) {
    var box = $('login-error');
    box.textContent = message;
    box.hidden = false;
  }

  /** The dashboard: {URL_BASE}/ seen from {URL_BASE}/login. */
  function toDashboard() { window.location.href = './'; }

  function submit(event) {
    event.preventDefault();
    var username = $('username').value.trim();
    var password = $('password').value;
    if (!username || !password) {
      showError('Enter your username and password.');
      return;
    }
    $('login-submit').disabled = true;
    $('login-error').hidden = true;
    fetch(API + 'auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      body: JSON.stringify({ username: username, password: password })
    }).then(function (response) {
      if (response.ok) {
        toDashboard();
        return null;
      }
      return response.text().then(function (text) {
        var problem = null;
        try { problem = JSON.parse(text); } catch (e) { problem = null; }
        var detail = problem && (problem.detail || problem.title);
        if (response.status === 429) {
          var wait = Number(response.headers.get('Retry-After'));
          showError((detail || 'Too many failed logins.')
            + (wait > 0 ? ' Try again in ' + Math.ceil(wait) + ' s.' : ' Wait a few minutes and try again.'));
        } else if (response.status === 401) {
          showError(detail || 'Wrong username or password.');
        } else {
          showError(detail || ('The service answered ' + response.status + '.'));
        }
        $('password').value = '';
        $('password').focus();
      });
    }, function () {
      showError('The service does not answer. Is it running?');
    }).then(function () {
      $('login-submit').disabled = false;
    });
  }

  function start() {
    $('login-form').addEventListener('submit', submit);
    // already logged in (or AUTH_METHOD=none): straight to the dashboard
    fetch(API + 'auth/session', { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (response) { if (response.ok) { toDashboard(); } }, function () { /* stay here */ });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
