// Progressive enhancement for the board pages: NHS.UK frontend's components (skip link focus,
// error summary focus). The pages work without it.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
