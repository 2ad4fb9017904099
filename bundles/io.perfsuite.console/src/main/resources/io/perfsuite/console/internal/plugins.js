// SPDX-License-Identifier: GPL-3.0-or-later
// The Plugins page: sends install, update and uninstall to the API with the page's CSRF token. Text only, never HTML.
(function () {
    var root = document.getElementById('perfsuite-plugins');
    var token = root.getAttribute('data-csrf');
    var result = document.getElementById('ps-result');

    function send(path, file, url) {
        var init = {method: 'POST', credentials: 'same-origin', headers: {'X-Perfsuite-CSRF': token}};
        if (file) {
            init.headers['Content-Type'] = 'application/java-archive';
            init.body = file;
        } else if (url) {
            init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
            init.body = 'url=' + encodeURIComponent(url);
        }
        result.textContent = 'Working…';
        fetch('/perfsuite/api/plugins/' + path, init).then(function (r) {
            return r.json();
        }).then(function (j) {
            if (j.ok) {
                result.textContent = 'Done.';
                window.location.reload();
            } else {
                result.textContent = 'Refused: ' + j.error;
            }
        }).catch(function (e) {
            result.textContent = 'Failed: ' + e;
        });
    }

    document.getElementById('ps-install').addEventListener('click', function () {
        var f = document.getElementById('ps-install-file').files[0];
        send('install', f, document.getElementById('ps-install-url').value.trim());
    });
    root.querySelectorAll('tr[data-id]').forEach(function (row) {
        var id = encodeURIComponent(row.getAttribute('data-id'));
        row.querySelector('.ps-update').addEventListener('click', function () {
            var f = row.querySelector('.ps-file').files[0];
            send('update?id=' + id, f, row.querySelector('.ps-url').value.trim());
        });
        row.querySelector('.ps-uninstall').addEventListener('click', function () {
            if (window.confirm('Uninstall bundle ' + row.getAttribute('data-id') + '?')) {
                send('uninstall?id=' + id, null, null);
            }
        });
    });
})();
