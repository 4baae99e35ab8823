// kansli portal: small UI helpers. Drag and drop onto #dropzone fills the form's file input
// (the first file input inside the zone) and submits the form; everything works without it.
(function () {
  'use strict';
  var zone = document.getElementById('dropzone');
  if (!zone) return;
  var input = zone.querySelector('input[type=file]');
  var form = zone.closest('form');
  if (!input || !form) return;
  ['dragenter', 'dragover'].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (ev) {
    zone.addEventListener(ev, function () { zone.classList.remove('over'); });
  });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    input.files = e.dataTransfer.files;
    if (form.id === 'verify-form') form.submit();
  });
})();
