export { OrganisationPage } from './components/organisation-page';
export { InvitationOffers } from './components/invitation-offers';
export { ShareCase } from './components/share-case';
