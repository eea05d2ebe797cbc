// Progressive enhancement for the pages: NHS.UK frontend's components (skip link, header menu,
// error summary focus, notification banners). Every page works without it.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
