// Progressive enhancement only: every page works without this file.
/* global document */
(function () {
  'use strict';
  // After a failed submission, move focus to the error summary (or the conflict notice), so keyboard and
  // screen-reader users land on what needs their attention.
  document.addEventListener('DOMContentLoaded', function () {
    var target = document.querySelector('#konflikt, .error-summary, #hinweis');
    if (target) target.focus();
  });
})();
