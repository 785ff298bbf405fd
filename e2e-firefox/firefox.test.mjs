// The built page in Firefox ESR, driven like a learner: every lesson in gather and blocking held to
// what its prediction's trace shows, the console's order, a share link, an embedded lesson on another
// origin (suite.mjs, which WebKit runs too).
import { fileURLToPath } from "node:url";

import { serve, servePage } from "../e2e/serve.mjs";
import { launch } from "./browser.mjs";
import { engineSuite } from "./suite.mjs";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

engineSuite("Firefox", { launch, serve: (options) => serve(DIST, "/course/async-kitchen/", options), servePage });
