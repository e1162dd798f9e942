//! End-to-end tests of the real app: the built binary in a real WebKitGTK window under Xvfb,
//! driven through WebKitWebDriver. Run by `scripts/test.sh` (see the README); each test gets a
//! fresh data folder and saves a screenshot of every screen it visits.
//!
//! Every test lives under `window::`, so the workspace's test run skips them all with
//! `--skip window::` and the end-to-end run selects them with `window::`, from one build.

mod window;
