// SPDX-License-Identifier: GPL-3.0-or-later
// The Live page: renders the event stream's frames (text only, never HTML) and sends the buttons' commands.
(function () {
    'use strict';
    var root = document.getElementById('perfsuite-live');
    var token = root.getAttribute('data-csrf');
    var api = '/perfsuite/api/';
    var frames = 0;
    var lastMode = null;

    function show(id, value) {
        var e = document.getElementById(id);
        if (e) {
            e.textContent = value === null || value === undefined ? '\u2013' : String(value);
        }
    }

    function result(text) {
        show('ps-result', text);
    }

    function post(path, params) {
        var label = params.name || path;
        var body = new URLSearchParams();
        Object.keys(params).forEach(function (k) {
            [].concat(params[k]).forEach(function (v) { body.append(k, v); });
        });
        return fetch(api + path, {
            method: 'POST',
            credentials: 'same-origin',
            headers: {'X-Perfsuite-CSRF': token, 'Content-Type': 'application/x-www-form-urlencoded'},
            body: body.toString()
        }).then(function (r) {
            return r.text().then(function (t) {
                var msg = t;
                try {
                    var j = JSON.parse(t);
                    msg = j.ok ? label + ': done' : label + ': ' + j.error;
                } catch (e) {
                    msg = label + ': HTTP ' + r.status;
                }
                result(msg);
            });
        }).catch(function (e) { result(label + ': ' + e); });
    }

    function command(name, args) {
        var params = {name: name, arg: args || []};
        var q = document.getElementById('ps-quant').value;
        if (q) {
            params.quantization = q;
        }
        return post('command', params);
    }

    function fixed(x, digits) {
        return typeof x === 'number' ? x.toFixed(digits) : null;
    }

    function renderQueue(queue) {
        var body = document.getElementById('ps-queue');
        while (body.firstChild) {
            body.removeChild(body.firstChild);
        }
        queue.forEach(function (q) {
            var tr = document.createElement('tr');
            var args = Object.keys(q.arguments).map(function (k) { return k + '=' + q.arguments[k]; }).join(' ');
            [q.id, q.name, args, q.quantization, fixed(q.dueBeat, 2)].forEach(function (v) {
                var td = document.createElement('td');
                td.textContent = v === null ? '\u2013' : String(v);
                tr.appendChild(td);
            });
            var td = document.createElement('td');
            var b = document.createElement('button');
            b.type = 'button';
            b.textContent = 'Cancel';
            b.addEventListener('click', function () { post('cancel', {id: String(q.id)}); });
            td.appendChild(b);
            tr.appendChild(td);
            body.appendChild(tr);
        });
    }

    var lastQueue = '';
    function render(c) {
        frames++;
        show('ps-tempo', fixed(c.tempo, 1));
        show('ps-position', c.bar + '.' + c.beatInBar + '  (' + c.meter + ')');
        show('ps-playing', c.playing ? 'playing' : 'stopped');
        show('ps-section', c.section.name + ' (' + c.section.kind + ')'
            + (c.nextSection ? '  \u2192 ' + c.nextSection.name : ''));
        show('ps-chord', c.chord + '  \u2192 ' + c.nextChord);
        show('ps-key', c.key);
        show('ps-intensity', fixed(c.intensity, 2));
        show('ps-feel', c.feel + (c.cues.length ? '  [' + c.cues.join(', ') + ']' : ''));
        show('ps-mode', c.mode);
        show('ps-degradation', c.degradation);
        if (c.mode !== lastMode) {
            lastMode = c.mode;
            document.getElementById('ps-mode-select').value = c.mode;
        }
        var q = JSON.stringify(c.queue);
        if (q !== lastQueue) {
            lastQueue = q;
            renderQueue(c.queue);
        }
    }

    Array.prototype.forEach.call(root.querySelectorAll('button.ps-cmd'), function (b) {
        b.addEventListener('click', function () { command(b.getAttribute('data-command')); });
    });
    document.getElementById('ps-undo').addEventListener('click', function () { post('undo', {}); });
    document.getElementById('ps-redo').addEventListener('click', function () { post('redo', {}); });
    document.getElementById('ps-mode-select').addEventListener('change', function (e) {
        post('mode', {mode: e.target.value});
    });
    document.getElementById('ps-send').addEventListener('click', function () {
        var text = document.getElementById('ps-args').value.trim();
        command(document.getElementById('ps-any').value, text ? text.split(/\s+/) : []);
    });

    var events = new EventSource(api + 'events');
    events.addEventListener('context', function (e) { render(JSON.parse(e.data)); });
    events.onopen = function () { show('ps-status', 'Live'); };
    events.onerror = function () { show('ps-status', 'Disconnected; retrying\u2026'); };
    setInterval(function () {
        if (events.readyState === 1) {
            show('ps-status', 'Live: ' + frames + ' updates/s');
        }
        frames = 0;
    }, 1000);
}());
