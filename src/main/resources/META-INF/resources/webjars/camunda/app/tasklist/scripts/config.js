/*
 * Reelflow Tasklist: Camunda's tasklist web application with the product's name (header and page title read
 * "Reelflow Tasklist"). The logo and the hidden Camunda 7 CE end-of-life banner are in ../styles/user-styles.css.
 */
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Reelflow'
  },
  // no first-visit box: it asks GET /camunda-welcome, which this service does not serve (a 404 on every login page)
  disableWelcomeMessage: true,
  // "Create task" and "Start process" only for users who may use them (the branding hides the others: assets/reelflow/roles.js, branding.css)
  customScripts: ['scripts/reelflow-roles', 'scripts/reelflow-field-errors', 'scripts/reelflow-dates', 'scripts/reelflow-dynamic-lists'],
  // a refused completion shows each field's reason under the field: scripts/reelflow-field-errors.js
  // a date typed as 2026-12-04, 04.12.2026 or 4 Dec 2026 is that day, or a message at the field: scripts/reelflow-dates.js
  // a form with a dynamic list (rows) can be completed: scripts/reelflow-dynamic-lists.js
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  },
};
