/*
 * Parley chat widget loader. Embed on any page:
 *
 *   <script src="https://YOUR-PARLEY/widget.js" data-channel="CHANNEL_KEY" async></script>
 *
 * Adds a launcher button (bottom right) and the chat in an iframe served from
 * the same origin as this script. Everything lives in one shadow root with
 * inline styles, so the host page's CSS and this widget never touch. The only
 * global is `window.Parley` ({ open, close, toggle }); including the script
 * twice is harmless.
 *
 * The host page's URL, title and referrer are posted to the iframe on load and
 * on SPA navigation, so the visitor's profile shows the pages they viewed.
 * Plain ES2017, no dependencies.
 */
/* global window, document, history, location, clearTimeout */
(function () {
  'use strict';

  if (window.Parley) return;

  var script =
    document.currentScript || document.querySelector('script[data-channel][src*="widget.js"]');
  var channel = script && script.getAttribute('data-channel');
  if (!script || !script.src || !channel) {
    console.warn('[parley] widget.js needs a data-channel attribute on its <script> tag.');
    return;
  }

  var widgetOrigin = new URL(script.src, location.href).origin;
  var frameUrl =
    widgetOrigin +
    '/widget?channel=' +
    encodeURIComponent(channel) +
    '&host=' +
    encodeURIComponent(location.origin);

  var ACCENT = '#4f46e5';
  var CHAT_ICON =
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';
  var CLOSE_ICON =
    '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg>';

  function css(element, styles) {
    Object.keys(styles).forEach(function (name) {
      element.style.setProperty(name, styles[name]);
    });
  }

  // ── Elements ────────────────────────────────────────────────────────────
  var host = document.createElement('div');
  host.setAttribute('data-parley-widget', '');
  css(host, {
    display: 'block',
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    margin: '0',
    padding: '0',
    border: '0',
    transform: 'none',
    'z-index': '2147483000',
  });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;

  if (host.attachShadow) {
    // Scoped to the shadow root: hover, focus and small-screen rules only.
    var style = document.createElement('style');
    style.textContent =
      'button:hover{transform:scale(1.06)}' +
      'button:focus-visible{outline:3px solid #a5b4fc;outline-offset:3px}' +
      '@media (max-width:480px){' +
      'iframe{inset:0!important;width:100%!important;height:100%!important;max-width:none!important;max-height:none!important;border-radius:0!important}' +
      '.parley-open button{display:none!important}}' +
      '@media (prefers-reduced-motion:reduce){iframe,button{transition:none!important}}';
    root.appendChild(style);
  }

  var wrapper = document.createElement('div');
  root.appendChild(wrapper);

  var frame = document.createElement('iframe');
  frame.src = frameUrl;
  frame.title = 'Parley chat';
  frame.id = 'parley-chat';
  frame.setAttribute('aria-hidden', 'true');
  css(frame, {
    position: 'fixed',
    right: '20px',
    bottom: '92px',
    width: '380px',
    height: '560px',
    'max-width': 'calc(100vw - 40px)',
    'max-height': 'calc(100vh - 112px)',
    border: '0',
    'border-radius': '16px',
    background: '#fff',
    'box-shadow': '0 12px 48px rgba(15,23,42,.22), 0 2px 8px rgba(15,23,42,.12)',
    'color-scheme': 'light',
    visibility: 'hidden',
    opacity: '0',
    transform: 'translateY(12px)',
    transition: 'opacity .18s ease, transform .18s ease, visibility 0s linear .18s',
  });

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.setAttribute('aria-controls', frame.id);
  css(launcher, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    width: '56px',
    height: '56px',
    margin: '0',
    padding: '0',
    border: '0',
    'border-radius': '50%',
    background: ACCENT,
    color: '#fff',
    cursor: 'pointer',
    display: 'flex',
    'align-items': 'center',
    'justify-content': 'center',
    'box-shadow': '0 6px 20px rgba(79,70,229,.45)',
    transition: 'transform .15s ease',
  });

  var icon = document.createElement('span');
  css(icon, { display: 'flex', 'pointer-events': 'none' });
  var badge = document.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  css(badge, {
    position: 'absolute',
    top: '-2px',
    right: '-2px',
    'min-width': '20px',
    height: '20px',
    padding: '0 5px',
    'box-sizing': 'border-box',
    'border-radius': '10px',
    background: '#e11d48',
    color: '#fff',
    font: '600 11px/20px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    'text-align': 'center',
    'box-shadow': '0 0 0 2px #fff',
    display: 'none',
  });
  launcher.appendChild(icon);
  launcher.appendChild(badge);
  wrapper.appendChild(frame);
  wrapper.appendChild(launcher);

  // ── State ───────────────────────────────────────────────────────────────
  var isOpen = false;
  var ready = false;
  var unread = 0;
  var pageUrl = location.href;
  var pageReferrer = document.referrer;

  function post(message) {
    if (ready && frame.contentWindow) frame.contentWindow.postMessage(message, widgetOrigin);
  }

  function postPage() {
    post({ type: 'parley:page', url: pageUrl, title: document.title, referrer: pageReferrer });
  }

  function render() {
    icon.innerHTML = isOpen ? CLOSE_ICON : CHAT_ICON;
    var label = isOpen ? 'Close chat' : 'Open chat';
    if (!isOpen && unread > 0) {
      label += ' (' + unread + (unread === 1 ? ' unread message)' : ' unread messages)');
    }
    launcher.setAttribute('aria-label', label);
    launcher.setAttribute('aria-expanded', String(isOpen));
    badge.textContent = unread > 9 ? '9+' : String(unread);
    badge.style.display = !isOpen && unread > 0 ? 'block' : 'none';
    wrapper.className = isOpen ? 'parley-open' : '';
    frame.setAttribute('aria-hidden', String(!isOpen));
    css(
      frame,
      isOpen
        ? { visibility: 'visible', opacity: '1', transform: 'none', 'transition-delay': '0s' }
        : {
            visibility: 'hidden',
            opacity: '0',
            transform: 'translateY(12px)',
            'transition-delay': '0s, 0s, .18s',
          },
    );
  }

  function setOpen(next) {
    if (next === isOpen) return;
    var focusWasInFrame = root.activeElement === frame || document.activeElement === frame;
    isOpen = next;
    render();
    post({ type: 'parley:visibility', open: isOpen });
    if (isOpen) frame.focus();
    else if (focusWasInFrame) launcher.focus();
  }

  launcher.addEventListener('click', function () {
    setOpen(!isOpen);
  });

  // ── Messages from the widget (only from our iframe, on our origin) ───────
  window.addEventListener('message', function (event) {
    if (event.origin !== widgetOrigin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || typeof data.type !== 'string') return;
    if (data.type === 'parley:ready') {
      ready = true;
      postPage();
      post({ type: 'parley:visibility', open: isOpen });
    } else if (data.type === 'parley:close') {
      setOpen(false);
    } else if (data.type === 'parley:unread') {
      var count = Number(data.count);
      unread = isFinite(count) && count > 0 ? Math.floor(count) : 0;
      render();
    }
  });

  // ── SPA navigation: pushState / replaceState / back and forward ─────────
  var navigationTimer;
  function onNavigate() {
    clearTimeout(navigationTimer);
    // Let the app update document.title first; coalesce bursts of replaceState.
    navigationTimer = setTimeout(function () {
      if (location.href === pageUrl) return;
      pageReferrer = pageUrl;
      pageUrl = location.href;
      postPage();
    }, 150);
  }
  ['pushState', 'replaceState'].forEach(function (name) {
    var original = history[name];
    if (typeof original !== 'function') return;
    history[name] = function () {
      var result = original.apply(this, arguments);
      onNavigate();
      return result;
    };
  });
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);

  window.Parley = {
    open: function () {
      setOpen(true);
    },
    close: function () {
      setOpen(false);
    },
    toggle: function () {
      setOpen(!isOpen);
    },
  };

  render();
  function mount() {
    document.body.appendChild(host);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
