// The service navigation's "Menu" button on narrow screens (GOV.UK Frontend's own component).
import { ServiceNavigation, createAll } from "./govuk/govuk-frontend.min.js";

createAll(ServiceNavigation);
