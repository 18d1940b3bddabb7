/*
 * Reelflow in Tasklist: a form with a dynamic list (a list of rows, e.g. the QC result's rejected items) can be
 * completed. Tasklist 7.24 takes a form as invalid while form-js's error state has any entry, and form-js keeps an
 * empty entry ({qcItemsCategory: []}) for every row field once it has been touched, so the Complete button stayed
 * disabled on a form without a single error. When such a form shows no error, this script enables Complete again;
 * completing still has form-js check the whole form first (and show what is wrong) before anything is sent.
 */
function visibleErrors(form) {
  return [...form.querySelectorAll('.fjs-form-field-error')].some(e => e.textContent.trim() && e.getClientRects().length > 0);
}

/** The scope that owns Tasklist's form state (where disableCompleteButton and $invalid live). */
function formScope(button) {
  let scope = window.angular && window.angular.element(button).scope();
  while (scope && !Object.prototype.hasOwnProperty.call(scope, 'disableCompleteButton')) scope = scope.$parent;
  return scope;
}

let scheduled = false;

function check() {
  scheduled = false;
  const form = document.querySelector('.fjs-form');
  if (!form || !form.querySelector('.fjs-form-field-dynamiclist')) return;
  const button = document.querySelector('button[ng-click="complete()"]');
  if (!button || !button.disabled) return;
  if (visibleErrors(form)) return;
  const scope = formScope(button);
  if (!scope) {
    button.disabled = false; // without Angular's debug data: the button's own state, until the form changes again
    return;
  }
  if (!scope.$invalid || scope.taskRemoved || scope.completeInProgress) return;
  scope.$evalAsync(() => { scope.$invalid = false; });
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(check, 50);
}

new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
['input', 'change', 'click', 'keyup'].forEach(type => document.addEventListener(type, schedule, true));
