/*
 * Reelflow Admin: Camunda's admin web application with the product's name (header and page title read
 * "Reelflow Admin"). The logo and the hidden Camunda 7 CE end-of-life banner are in ../styles/user-styles.css.
 */
export default {
  app: {
    name: 'Admin',
    vendor: 'Reelflow'
  },
  // no first-visit box: it asks GET /camunda-welcome, which this service does not serve (a 404 on every login page)
  disableWelcomeMessage: true,
};
