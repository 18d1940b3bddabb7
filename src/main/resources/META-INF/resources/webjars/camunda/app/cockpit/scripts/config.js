/*
 * Reelflow Cockpit: Camunda's cockpit web application with the product's name (header and page title read
 * "Reelflow Cockpit"). The logo and the hidden Camunda 7 CE end-of-life banner are in ../styles/user-styles.css.
 */
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Reelflow'
  },
  // no first-visit box: it asks GET /camunda-welcome, which this service does not serve (a 404 on every login page)
  disableWelcomeMessage: true,
  // Reelflow's own plugin: open incidents per process with the deal (dashboard and #/reelflow)
  customScripts: ['scripts/reelflow-dashboard', 'scripts/reelflow-roles'],
};
