/*!
 * Vocational Cooperation Assistant — embeddable chat widget.
 * Self-contained vanilla JS (ES2019), no dependencies, no build step.
 *
 * Embed:
 *   <script src="https://HOST/widget.js" data-title="…" data-lang="zh|en"
 *           data-primary-color="#0b5fff" data-position="right|left"
 *           data-api-base="(optional)" data-greeting="(optional)" defer></script>
 *
 * Everything lives in an open shadow root on <div id="vca-widget-host">, so page
 * styles do not leak in or out. The host page may restyle it with the CSS custom
 * properties --vca-primary, --vca-font and --vca-radius set on #vca-widget-host.
 * Security: server data (answers, titles, snippets) is only ever inserted as text
 * (textContent / text nodes), never as HTML. See README-widget.md.
 */
(function () {
  'use strict';
  if (window.VCAWidget || document.getElementById('vca-widget-host')) return; // loaded twice

  /* ---------- 1. Configuration from the embedding <script> tag ---------- */
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var ds = (script && script.dataset) || {};
  var navLang = String(navigator.language || '').toLowerCase();
  var lang = /^zh/i.test(ds.lang || '') ? 'zh' : /^en/i.test(ds.lang || '') ? 'en'
    : navLang.indexOf('zh') === 0 ? 'zh' : 'en';
  var scriptOrigin = location.origin;
  try { if (script && script.src) scriptOrigin = new URL(script.src, location.href).origin; } catch (e) { /* keep page origin */ }
  var apiBase = String(ds.apiBase || scriptOrigin).replace(/\/+$/, '');
  var position = ds.position === 'left' ? 'left' : 'right';
  var primary = safeColor(ds.primaryColor);
  var STORE_KEY = 'vca-widget:v1:' + apiBase;
  var MAX_STORED = 60; // messages kept in sessionStorage

  /* ---------- 2. Interface strings ---------- */
  var STRINGS = {
    en: {
      title: 'Ask us', open: 'Open chat', close: 'Close chat', newConv: 'New conversation',
      placeholder: 'Type your question…', inputLabel: 'Your question', send: 'Send',
      sources: 'Sources', sourceN: 'Source {n}: {title}', untitled: 'Untitled document',
      thinking: 'Thinking…', helpful: 'Helpful answer', notHelpful: 'Not helpful',
      thanks: 'Thanks for your feedback', feedbackFailed: 'Could not send feedback, please try again.',
      greeting: 'Hi! Ask me about internships, school–enterprise cooperation and related policies.',
      errRate: 'Too many requests, try again in {n} s', errRateSoon: 'Too many requests, please try again shortly.',
      errNetwork: 'Network error — please check your connection and try again.',
      errGeneric: 'Sorry, something went wrong. Please try again.',
      errInterrupted: 'The answer was interrupted. Please try again.',
      ungrounded: 'Not found in the college documents — please verify.',
      degraded: 'Limited mode: this answer may be less complete than usual.'
    },
    zh: {
      title: '在线咨询', open: '打开对话', close: '关闭对话', newConv: '新对话',
      placeholder: '请输入您的问题…', inputLabel: '您的问题', send: '发送',
      sources: '参考来源', sourceN: '来源 {n}：{title}', untitled: '未命名资料',
      thinking: '正在思考…', helpful: '有帮助', notHelpful: '没有帮助',
      thanks: '感谢反馈', feedbackFailed: '反馈提交失败，请重试。',
      greeting: '您好！可以向我咨询实习、校企合作及相关政策等问题。',
      errRate: '请求过于频繁，请在 {n} 秒后重试', errRateSoon: '请求过于频繁，请稍后再试。',
      errNetwork: '网络错误，请检查网络连接后重试。',
      errGeneric: '抱歉，出现了问题，请稍后再试。',
      errInterrupted: '回答中断，请重试。',
      ungrounded: '未在学校资料中找到依据，请谨慎参考。',
      degraded: '当前为简化模式，回答可能不够完整。'
    }
  };
  function t(key, vars) {
    var s = STRINGS[lang][key] || STRINGS.en[key] || key;
    return s.replace(/\{(\w+)\}/g, function (_, k) { return vars && vars[k] != null ? String(vars[k]) : ''; });
  }
  var title = ds.title || t('title');

  /* ---------- 3. Small helpers ---------- */
  function safeColor(c) {
    c = String(c || '').trim();
    var ok = c && !/[;{}<>"'\\]/.test(c) && window.CSS && CSS.supports && CSS.supports('color', c);
    return ok ? c : '#0b5fff';
  }
  // Create an element. attrs: class, text (textContent), on* listeners, anything else via setAttribute.
  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v == null || v === false) return;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    });
    (kids || []).forEach(function (c) {
      if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  // Constant, trusted SVG icons (the only markup ever parsed as HTML here).
  function icon(name) {
    var paths = {
      chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
      close: 'M6 6l12 12M18 6L6 18',
      reset: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4',
      thumb: 'M7 11v9H4v-9h3zm2 9h8.2a2 2 0 0 0 2-1.6l1.2-6A2 2 0 0 0 18.4 10H14l.8-4a1.7 1.7 0 0 0-3.1-1.2L9 10v10z'
    };
    var fill = name === 'chat' || name === 'thumb';
    var span = document.createElement('span');
    span.className = 'vca-icon vca-icon-' + name;
    span.innerHTML = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="' +
      paths[name] + '" fill="' + (fill ? 'currentColor' : 'none') + '" stroke="currentColor" stroke-width="' +
      (fill ? '0' : '2') + '" stroke-linecap="round" stroke-linejoin="round"/></svg>';
    return span;
  }
  function safeUrl(u) {
    if (!u) return null;
    try { var x = new URL(String(u), location.href); return /^https?:$/.test(x.protocol) ? x.href : null; } catch (e) { return null; }
  }
  function srcTitle(s) { return (s && s.title) ? String(s.title) : t('untitled'); }
  // Seconds from a Retry-After header (delta-seconds or HTTP date); null if absent/unparseable.
  function retryAfter(v) {
    if (!v) return null;
    if (/^\s*\d+\s*$/.test(v)) return parseInt(v, 10);
    var d = Date.parse(v);
    return isNaN(d) ? null : Math.max(1, Math.ceil((d - Date.now()) / 1000));
  }

  /* ---------- 4. Persistence (sessionStorage, survives navigation/reload) ---------- */
  function load() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
      if (s && Array.isArray(s.messages)) {
        return { session_id: s.session_id || null, messages: s.messages.filter(function (m) {
          return m && (m.role === 'user' || m.role === 'assistant') && typeof m.text === 'string';
        }), open: !!s.open };
      }
    } catch (e) { /* storage blocked or corrupt: start fresh */ }
    return { session_id: null, messages: [], open: false };
  }
  function save() {
    try {
      if (!state.session_id && !state.messages.length && !state.open) { sessionStorage.removeItem(STORE_KEY); return; }
      sessionStorage.setItem(STORE_KEY, JSON.stringify({
        session_id: state.session_id, open: state.open, messages: state.messages.slice(-MAX_STORED)
      }));
    } catch (e) { /* quota or privacy mode: the widget still works, just without persistence */ }
  }
  var state = load();

  /* ---------- 5. Styles (scoped to the shadow root) ---------- */
  var side = position === 'left' ? 'left' : 'right';
  var CSS_TEXT = [
    ':host{all:initial}',
    '*,*::before,*::after{box-sizing:border-box}',
    '.vca-root{--p:var(--vca-primary,' + primary + ');--r:var(--vca-radius,12px);',
    '  --f:var(--vca-font,system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif);',
    '  font-family:var(--f);font-size:15px;line-height:1.5;color:#1f2430;text-align:left;-webkit-text-size-adjust:100%}',
    'button,textarea{font:inherit;color:inherit;margin:0}',
    'button{cursor:pointer;border:0;background:none;padding:0}',
    'button:disabled{cursor:default;opacity:.55}',
    ':focus:not(:focus-visible){outline:none}',
    ':focus-visible{outline:3px solid var(--p);outline-offset:2px}',
    '.vca-icon{display:inline-flex;line-height:0}',
    '.vca-launcher{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;',
    '  background:var(--p);color:#fff;display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(0,0,0,.25)}',
    '.vca-launcher .vca-icon svg{width:28px;height:28px}',
    '.vca-launcher:focus-visible{outline-color:#1f2430;box-shadow:0 0 0 3px #fff,0 6px 20px rgba(0,0,0,.25)}',
    '.vca-launcher .vca-icon-close,.vca-open .vca-launcher .vca-icon-chat{display:none}',
    '.vca-open .vca-launcher .vca-icon-close{display:inline-flex}',
    '.vca-panel{position:fixed;bottom:92px;' + side + ':20px;z-index:2147483001;width:380px;height:560px;',
    '  max-width:calc(100vw - 32px);max-height:calc(100vh - 112px);display:flex;flex-direction:column;overflow:hidden;',
    '  background:#fff;border-radius:var(--r);box-shadow:0 12px 40px rgba(0,0,0,.28);animation:vca-in .16s ease-out}',
    '.vca-panel[hidden]{display:none}',
    '@keyframes vca-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}',
    '@media (prefers-reduced-motion:reduce){.vca-panel{animation:none}}',
    '.vca-header{display:flex;align-items:center;gap:4px;padding:10px 8px 10px 16px;background:var(--p);color:#fff;flex:none}',
    '.vca-title{flex:1;min-width:0;margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow-wrap:anywhere}',
    '.vca-header button{width:36px;height:36px;border-radius:8px;display:inline-flex;align-items:center;justify-content:center;flex:none}',
    '.vca-header button:hover{background:rgba(255,255,255,.18)}',
    '.vca-header button:focus-visible{outline-color:#fff;outline-offset:-3px}',
    '.vca-log{flex:1;overflow-y:auto;overflow-x:hidden;padding:14px;display:flex;flex-direction:column;gap:10px;background:#f7f8fa}',
    '.vca-msg{max-width:88%;padding:9px 12px;border-radius:var(--r);overflow-wrap:anywhere;word-break:break-word}',
    '.vca-user{align-self:flex-end;background:var(--p);color:#fff;white-space:pre-wrap;border-bottom-right-radius:4px}',
    '.vca-assistant,.vca-greeting{align-self:flex-start;background:#fff;border:1px solid #e3e6eb;border-bottom-left-radius:4px}',
    '.vca-answer{white-space:pre-wrap}',
    '.vca-ungrounded{background:#f3f4f6;color:#5b6270;border-style:dashed}',
    '.vca-thinking{margin:0;color:#6b7280;font-style:italic}',
    '.vca-note{margin:6px 0 0;font-size:12px;color:#6b7280}',
    '.vca-error{margin:4px 0 0;color:#b42318}',
    '.vca-cite{display:inline;padding:0 3px;margin:0 1px;border-radius:4px;font-size:.8em;font-weight:600;vertical-align:super;',
    '  line-height:1;color:var(--p);background:#fff;border:1px solid currentColor}',
    '.vca-cite[aria-expanded="true"]{background:var(--p);color:#fff;border-color:var(--p)}',
    '.vca-source{margin:8px 0 0;padding:8px 10px;border-left:3px solid var(--p);background:#f4f6fb;border-radius:6px;font-size:13px}',
    '.vca-source[hidden]{display:none}',
    '.vca-source-title{font-weight:600}',
    '.vca-source-date{color:#6b7280;font-size:12px}',
    '.vca-source-snippet{margin:4px 0 0;white-space:pre-wrap;color:#374151}',
    '.vca-sources{margin-top:8px;padding-top:6px;border-top:1px solid #e5e7eb;font-size:12px}',
    '.vca-sources-label{margin:0 0 2px;font-weight:600;color:#4b5563}',
    '.vca-source-list{margin:0;padding-left:20px}',
    '.vca-source-list a,.vca-source a{color:var(--p)}',
    '.vca-feedback{display:flex;align-items:center;gap:4px;margin-top:6px;flex-wrap:wrap}',
    '.vca-feedback button{width:32px;height:32px;border-radius:6px;display:inline-flex;align-items:center;justify-content:center;color:#6b7280}',
    '.vca-feedback button:hover:not(:disabled){background:#eef0f3;color:#1f2430}',
    '.vca-feedback button[aria-pressed="true"]{color:var(--p);opacity:1}',
    '.vca-feedback-down .vca-icon{transform:rotate(180deg)}',
    '.vca-feedback-status{font-size:12px;color:#4b5563}',
    '.vca-form{display:flex;align-items:flex-end;gap:8px;padding:10px;border-top:1px solid #e5e7eb;background:#fff;flex:none}',
    '.vca-input{flex:1;min-width:0;resize:none;border:1px solid #c9ced6;border-radius:8px;padding:8px 10px;font-size:16px;',
    '  line-height:1.4;max-height:120px;background:#fff;color:#1f2430}',
    '.vca-input:focus-visible{outline-offset:0;border-color:var(--p)}',
    '.vca-send{flex:none;height:40px;padding:0 16px;border-radius:8px;background:var(--p);color:#fff;font-weight:600}',
    '@media (max-width:480px){',
    '  .vca-panel{left:0;right:0;bottom:0;width:100%;max-width:100%;height:92vh;height:92dvh;max-height:none;',
    '    border-radius:var(--r) var(--r) 0 0}',
    '  .vca-open .vca-launcher{display:none}',
    '  .vca-msg{max-width:94%}',
    '}'
  ].join('\n');

  /* ---------- 6. Markup ---------- */
  var host, shadow, root, launcher, panel, log, form, input, sendBtn;
  var busy = false, controller = null, generation = 0, uid = 0;

  function build() {
    host = document.createElement('div');
    host.id = 'vca-widget-host';
    host.style.cssText = 'all:initial'; // beats page rules like `div{transform:…}` that would break position:fixed
    shadow = host.attachShadow({ mode: 'open' });
    shadow.appendChild(h('style', { text: CSS_TEXT }));

    launcher = h('button', { class: 'vca-launcher', type: 'button', 'aria-expanded': 'false',
      'aria-controls': 'vca-panel', 'aria-label': t('open'), title: t('open'), onclick: function () { toggle(); } },
      [icon('chat'), icon('close')]);

    var newBtn = h('button', { class: 'vca-new', type: 'button', 'aria-label': t('newConv'), title: t('newConv'),
      onclick: function () { reset(); input.focus(); } }, [icon('reset')]);
    var closeBtn = h('button', { class: 'vca-close', type: 'button', 'aria-label': t('close'), title: t('close'),
      onclick: function () { close(true); } }, [icon('close')]);

    log = h('div', { class: 'vca-log', role: 'log', 'aria-live': 'polite' });
    input = h('textarea', { class: 'vca-input', rows: '1', maxlength: '2000', 'aria-label': t('inputLabel'),
      placeholder: t('placeholder'), onkeydown: onInputKey, oninput: autosize });
    sendBtn = h('button', { class: 'vca-send', type: 'submit', text: t('send') });
    form = h('form', { class: 'vca-form', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      if (send(input.value)) { input.value = ''; autosize(); }
    } }, [input, sendBtn]);

    panel = h('div', { class: 'vca-panel', id: 'vca-panel', role: 'dialog', 'aria-label': title, hidden: true }, [
      h('div', { class: 'vca-header' }, [h('h2', { class: 'vca-title', text: title }), newBtn, closeBtn]),
      log, form
    ]);
    root = h('div', { class: 'vca-root vca-' + position, lang: lang === 'zh' ? 'zh-CN' : 'en' }, [launcher, panel]);
    // Escape anywhere inside the widget closes the panel and returns focus to the launcher.
    root.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); e.stopPropagation(); close(true); }
    });
    shadow.appendChild(root);
    document.body.appendChild(host);
  }

  function onInputKey(e) {
    // Enter sends, Shift+Enter adds a newline; ignore Enter while an IME (e.g. pinyin) is composing.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  }
  function autosize() { input.style.height = 'auto'; input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px'; }
  function nearBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 60; }
  function toBottom() { log.scrollTop = log.scrollHeight; }

  /* ---------- 7. Open / close / reset ---------- */
  function open(focus) {
    panel.hidden = false;
    root.classList.add('vca-open');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', t('close'));
    launcher.title = t('close');
    if (!state.open) { state.open = true; save(); }
    toBottom();
    if (focus !== false) input.focus();
  }
  function close(returnFocus) {
    var hadFocus = panel.contains(shadow.activeElement);
    panel.hidden = true;
    root.classList.remove('vca-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', t('open'));
    launcher.title = t('open');
    if (state.open) { state.open = false; save(); }
    if (returnFocus || hadFocus) launcher.focus();
  }
  function toggle() { if (panel.hidden) open(true); else close(true); }
  function reset() {
    generation++; // makes any in-flight stream's callbacks no-ops
    if (controller) { try { controller.abort(); } catch (e) { /* ignore */ } }
    setBusy(false);
    state.session_id = null;
    state.messages = [];
    save();
    renderAll();
  }
  function setBusy(b) {
    busy = b;
    sendBtn.disabled = b;
    if (b) log.setAttribute('aria-busy', 'true'); else log.removeAttribute('aria-busy');
  }

  /* ---------- 8. Rendering (text only — never innerHTML with server data) ---------- */
  function renderAll() {
    log.textContent = '';
    log.appendChild(h('div', { class: 'vca-msg vca-greeting', text: ds.greeting || t('greeting') }));
    state.messages.forEach(function (m) {
      if (m.role === 'user') log.appendChild(h('div', { class: 'vca-msg vca-user', text: m.text }));
      else { var el = h('div'); fillAssistant(el, m); log.appendChild(el); }
    });
    toBottom();
  }

  // (Re)build a finished assistant message (data-state "done" or "error").
  function fillAssistant(el, m) {
    var sources = Array.isArray(m.sources) ? m.sources : [];
    el.textContent = '';
    el.className = 'vca-msg vca-assistant' + (m.grounded === false && !m.error ? ' vca-ungrounded' : '');
    el.setAttribute('data-state', m.error ? 'error' : 'done');
    el.id = el.id || 'vca-m' + (++uid);
    var answer = h('div', { class: 'vca-answer' });
    var boxes = h('div', { class: 'vca-source-boxes' });
    appendWithCitations(answer, m.text || '', sources, boxes, el);
    el.appendChild(answer);
    if (m.error) el.appendChild(h('p', { class: 'vca-error', text: m.error }));
    if (m.grounded === false && !m.error) el.appendChild(h('p', { class: 'vca-note', text: t('ungrounded') }));
    if (m.degraded) el.appendChild(h('p', { class: 'vca-note', text: t('degraded') }));
    el.appendChild(boxes);
    if (sources.length) {
      var list = h('ol', { class: 'vca-source-list' });
      sources.forEach(function (s, i) {
        var li = h('li', { value: sourceNum(s, i) }, [titleNode(s)]);
        if (s.date) li.appendChild(h('span', { class: 'vca-source-date', text: ' · ' + s.date }));
        list.appendChild(li);
      });
      el.appendChild(h('div', { class: 'vca-sources' }, [h('p', { class: 'vca-sources-label', text: t('sources') }), list]));
    }
    if (m.message_id && !m.error) el.appendChild(feedbackRow(m));
  }
  function sourceNum(s, i) { var n = parseInt(s && s.n, 10); return isNaN(n) ? i + 1 : n; }
  function titleNode(s) {
    var url = safeUrl(s.url);
    return url ? h('a', { class: 'vca-source-title', href: url, target: '_blank', rel: 'noopener noreferrer', text: srcTitle(s) })
      : h('span', { class: 'vca-source-title', text: srcTitle(s) });
  }

  // Split answer text on citation markers ([1], [1, 2], [1][3]) and turn known ones into buttons.
  var CITE_RE = /\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]/g;
  function appendWithCitations(container, text, sources, boxes, msgEl) {
    var byN = {};
    sources.forEach(function (s, i) { byN[sourceNum(s, i)] = s; });
    var last = 0, m;
    CITE_RE.lastIndex = 0;
    while ((m = CITE_RE.exec(text))) {
      var parts = m[1].split(/(\s*[,，、]\s*)/); // numbers at even indexes, separators at odd
      var known = parts.every(function (p, i) { return i % 2 || byN[parseInt(p, 10)]; });
      if (!known) continue; // unknown marker stays literal text
      container.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (parts.length === 1) {
        container.appendChild(citeButton('[' + parts[0] + ']', parseInt(parts[0], 10), byN, boxes, msgEl));
      } else {
        container.appendChild(document.createTextNode('['));
        parts.forEach(function (p, i) {
          container.appendChild(i % 2 ? document.createTextNode(p) : citeButton(p, parseInt(p, 10), byN, boxes, msgEl));
        });
        container.appendChild(document.createTextNode(']'));
      }
      last = CITE_RE.lastIndex;
    }
    container.appendChild(document.createTextNode(text.slice(last)));
  }
  function citeButton(label, n, byN, boxes, msgEl) {
    var boxId = msgEl.id + '-s' + n;
    return h('button', { type: 'button', class: 'vca-cite', 'data-n': n, 'aria-expanded': 'false', 'aria-controls': boxId,
      'aria-label': t('sourceN', { n: n, title: srcTitle(byN[n]) }), text: label,
      onclick: function () { toggleSource(byN[n], boxId, boxes, msgEl); } });
  }
  // Inline source box (shared by all markers of the same source within one answer).
  function toggleSource(s, boxId, boxes, msgEl) {
    var box = shadow.getElementById(boxId);
    if (!box) {
      var head = h('div', {}, [titleNode(s)]);
      if (s.date) head.appendChild(h('span', { class: 'vca-source-date', text: ' · ' + s.date }));
      box = h('div', { class: 'vca-source', id: boxId, hidden: true }, [head]);
      if (s.snippet) box.appendChild(h('p', { class: 'vca-source-snippet', text: String(s.snippet) }));
      boxes.appendChild(box);
    }
    box.hidden = !box.hidden;
    msgEl.querySelectorAll('.vca-cite[aria-controls="' + boxId + '"]').forEach(function (b) {
      b.setAttribute('aria-expanded', box.hidden ? 'false' : 'true');
    });
  }

  /* ---------- 9. Feedback ---------- */
  function feedbackRow(m) {
    var status = h('span', { class: 'vca-feedback-status', text: m.rated ? t('thanks') : '' });
    function btn(rating) {
      return h('button', { type: 'button', class: 'vca-feedback-' + rating, disabled: !!m.rated,
        'aria-label': t(rating === 'up' ? 'helpful' : 'notHelpful'), title: t(rating === 'up' ? 'helpful' : 'notHelpful'),
        'aria-pressed': m.rated === rating ? 'true' : 'false', onclick: function () { rate(rating); } }, [icon('thumb')]);
    }
    var up = btn('up'), down = btn('down');
    function rate(rating) {
      var refocus = shadow.activeElement === up || shadow.activeElement === down;
      up.disabled = down.disabled = true;
      fetch(apiBase + '/api/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message_id: m.message_id, rating: rating }) })
        .then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          m.rated = rating;
          (rating === 'up' ? up : down).setAttribute('aria-pressed', 'true');
          status.textContent = t('thanks');
          save();
        })
        .catch(function () { up.disabled = down.disabled = false; status.textContent = t('feedbackFailed'); })
        .then(function () { // don't strand keyboard focus on a disabled button
          if (refocus) (up.disabled ? input : rating === 'up' ? up : down).focus();
        });
    }
    return h('div', { class: 'vca-feedback' }, [up, down, status]);
  }

  /* ---------- 10. Chat request + Server-Sent Events ---------- */
  // Returns true if the message was accepted (so the caller clears the input).
  function send(raw) {
    var text = String(raw || '').trim();
    if (!text || busy) return false;
    var gen = generation, finished = false, stick;
    state.messages.push({ role: 'user', text: text });
    save();
    log.appendChild(h('div', { class: 'vca-msg vca-user', text: text }));

    var m = { role: 'assistant', text: '', sources: [], grounded: null, message_id: null, rated: null };
    var el = h('div', { class: 'vca-msg vca-assistant', 'data-state': 'streaming' });
    var answer = h('div', { class: 'vca-answer' });
    var thinking = h('p', { class: 'vca-thinking', text: t('thinking') });
    el.appendChild(answer);
    el.appendChild(thinking);
    log.appendChild(el);
    toBottom();
    setBusy(true);

    function adopt(d) {
      if (d.session_id) state.session_id = String(d.session_id);
      if (d.message_id) m.message_id = String(d.message_id);
      if (typeof d.grounded === 'boolean') m.grounded = d.grounded;
      if (Array.isArray(d.sources)) m.sources = d.sources;
    }
    function end(err) {
      if (finished || gen !== generation) return;
      finished = true;
      if (err) m.error = err;
      if (m.message_id === null) delete m.message_id;
      state.messages.push(m);
      save();
      stick = nearBottom();
      fillAssistant(el, m);
      setBusy(false);
      if (stick) toBottom();
    }
    function onEvent(name, d) {
      if (finished || gen !== generation) return;
      d = d || {};
      if (name === 'token') {
        var piece = typeof d.text === 'string' ? d.text : '';
        if (!piece) return;
        if (thinking.parentNode) thinking.parentNode.removeChild(thinking);
        stick = nearBottom();
        m.text += piece;
        answer.appendChild(document.createTextNode(piece));
        if (stick) toBottom();
      } else if (name === 'sources') {
        adopt(d);
      } else if (name === 'done') {
        if (typeof d.answer === 'string') m.text = d.answer; // authoritative full answer
        if (d.degraded) m.degraded = true;
        adopt(d);
        end(null);
      } else if (name === 'error') {
        end((d.error && d.error.message) || t('errGeneric'));
      }
    }

    var body = { message: text, stream: true };
    if (state.session_id) body.session_id = state.session_id;
    controller = window.AbortController ? new AbortController() : null;
    fetch(apiBase + '/api/chat', {
      method: 'POST', body: JSON.stringify(body), signal: controller ? controller.signal : undefined,
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }
    }).then(function (res) {
      if (!res.ok) return res.text().then(function (txt) { end(httpError(res, txt)); });
      var ct = res.headers.get('Content-Type') || '';
      if (ct.indexOf('text/event-stream') === -1) return res.json().then(function (d) { onEvent('done', d); });
      return readSSE(res, onEvent);
    }).then(function () {
      end(t('errInterrupted')); // no-op if a done/error event already finished the message
    }).catch(function (e) {
      if (e && e.name === 'AbortError') return;
      end(t('errNetwork'));
    });
    return true;
  }

  function httpError(res, txt) {
    var msg = null;
    try {
      var j = JSON.parse(txt);
      msg = (j && j.error && j.error.message) || (j && typeof j.detail === 'string' ? j.detail : null);
    } catch (e) { /* non-JSON error body */ }
    if (res.status === 429) {
      var secs = retryAfter(res.headers.get('Retry-After'));
      return secs != null ? t('errRate', { n: secs }) : (msg || t('errRateSoon'));
    }
    return msg || t('errGeneric');
  }

  // Incremental SSE parser: blocks separated by a blank line; "event: NAME" and "data: JSON" lines.
  function readSSE(res, onEvent) {
    var buf = '';
    function dispatch(block) {
      var name = 'message', data = [];
      block.split('\n').forEach(function (line) {
        if (!line || line.charAt(0) === ':') return; // blank or comment/keep-alive
        var i = line.indexOf(':');
        var field = i < 0 ? line : line.slice(0, i);
        var val = i < 0 ? '' : line.slice(i + 1);
        if (val.charAt(0) === ' ') val = val.slice(1);
        if (field === 'event') name = val;
        else if (field === 'data') data.push(val);
      });
      if (!data.length) return;
      var raw = data.join('\n'), parsed;
      try { parsed = JSON.parse(raw); } catch (e) { parsed = { text: raw }; }
      onEvent(name, parsed);
    }
    function feed(chunk, flush) {
      // Normalise CRLF / CR line endings; keep a trailing CR until we know whether LF follows.
      buf = (buf + chunk).replace(/\r\n/g, '\n').replace(/\r(?=[^\n])/g, '\n');
      if (flush) buf = buf.replace(/\r/g, '\n');
      var idx;
      while ((idx = buf.indexOf('\n\n')) !== -1) {
        var block = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        dispatch(block);
      }
      if (flush && buf.trim()) { dispatch(buf); buf = ''; }
    }
    if (!res.body || !res.body.getReader || !window.TextDecoder) {
      return res.text().then(function (txt) { feed(txt, true); });
    }
    var reader = res.body.getReader(), dec = new TextDecoder('utf-8');
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) { feed(dec.decode(), true); return; }
        feed(dec.decode(r.value, { stream: true }), false);
        return pump();
      });
    }
    return pump();
  }

  /* ---------- 11. Boot ---------- */
  function init() {
    if (document.getElementById('vca-widget-host')) return;
    build();
    renderAll();
    if (state.open) open(false); // restore without stealing focus from the page
    window.VCAWidget = Object.freeze({
      open: function () { open(true); },
      close: function () { close(false); },
      reset: reset
    });
  }
  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init);
})();
