//! Harness for the end-to-end tests: starts WebKitGTK's own WebDriver server (`WebKitWebDriver`, from
//! Debian's `webkit2gtk-driver`), which starts the real Loket binary; opens a WebDriver session on
//! it and offers the few verbs the tests use. tauri-driver is not needed on Linux: all it adds
//! there is turning `tauri:options` into `webkitgtk:browserOptions`, which the harness does itself,
//! and it had to be compiled from source on every fresh machine.
//!
//! Environment: `LOKET_APP` (the built binary, default `$CARGO_TARGET_DIR/debug/loket`),
//! `LOKET_E2E_ARTIFACTS` (where screenshots go, default `target/e2e-artifacts`).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// The instant the app under test starts its clock at.
pub const TEST_CLOCK: &str = "2026-11-23T03:00:00Z";

/// A row of the proposals list (`data-status`, `data-mine` narrow it down).
pub const PROPOSAL_ROW: &str = "[data-testid=\"proposal-row\"]";

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The built app under test.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("LOKET_APP") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug/loket")
}

pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("LOKET_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-artifacts"));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The first element matching `css` once it is displayed, waiting up to 30 s; `None` after that.
/// Shared by the app's window tests and the central's page tests.
pub async fn displayed(client: &Client, css: &str) -> Option<Element> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await
            && el.is_displayed().await.unwrap_or(false)
        {
            return Some(el);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A running WebKitWebDriver. Stopped with SIGTERM on drop, so it closes the app it started.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub fn start(port: u16) -> Result<Self, BoxError> {
        Self::start_with(port, &[])
    }

    /// Starts the driver with extra environment variables, which the app it launches inherits.
    pub fn start_with(port: u16, env: &[(&str, std::ffi::OsString)]) -> Result<Self, BoxError> {
        // Tauri's webview accepts automation only when this is set (tauri-runtime-wry reads it);
        // tauri-driver sets it the same way.
        let child = Command::new("WebKitWebDriver")
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("WebKitWebDriver could not start ({e}); install Debian's webkit2gtk-driver")
            })?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("WebKitWebDriver did not open its port within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self { child, port })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// One launch of the app with its own data folder.
#[derive(Debug)]
pub struct Session {
    pub client: Client,
    pub data_dir: tempfile::TempDir,
    name: String,
    shots: std::sync::atomic::AtomicU32,
    _driver: Driver,
}

impl Session {
    /// Launches the app on a fresh data folder; `demo` makes it the demo office.
    pub async fn launch(name: &str, port: u16, demo: bool) -> Result<Self, BoxError> {
        let data_dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
        Self::launch_in(name, port, demo, data_dir).await
    }

    pub async fn launch_in(
        name: &str,
        port: u16,
        demo: bool,
        data_dir: tempfile::TempDir,
    ) -> Result<Self, BoxError> {
        let parts = Self::connect(port, data_dir.path(), demo, TEST_CLOCK).await?;
        Ok(Self::from_parts(name, parts, data_dir))
    }

    /// Launches the demo office with the clock at `clock` (RFC 3339) instead of [`TEST_CLOCK`].
    pub async fn launch_demo_at(name: &str, port: u16, clock: &str) -> Result<Self, BoxError> {
        Self::launch_demo_with(name, port, clock, &[]).await
    }

    /// Like [`Session::launch_demo_at`], with environment variables for the app
    /// (`LOKET_CAMERA_FILES`, say).
    pub async fn launch_demo_with(
        name: &str,
        port: u16,
        clock: &str,
        env: &[(&str, std::ffi::OsString)],
    ) -> Result<Self, BoxError> {
        let data_dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
        let parts = Self::connect_with(port, data_dir.path(), true, clock, env).await?;
        Ok(Self::from_parts(name, parts, data_dir))
    }

    /// Launches the demo office on a data folder the caller owns, so it outlives the session (a
    /// test that starts the app twice on one database).
    pub async fn launch_demo_in(name: &str, port: u16, dir: &Path) -> Result<Self, BoxError> {
        Self::launch_in_with(name, port, dir, true, &[]).await
    }

    /// Launches the app (the demo office when `demo`) on a data folder the caller owns, with
    /// environment variables for the app (`TMPDIR`, say).
    pub async fn launch_in_with(
        name: &str,
        port: u16,
        dir: &Path,
        demo: bool,
        env: &[(&str, std::ffi::OsString)],
    ) -> Result<Self, BoxError> {
        let parts = Self::connect_with(port, dir, demo, TEST_CLOCK, env).await?;
        Ok(Self::from_parts(
            name,
            parts,
            tempfile::Builder::new().prefix("loket-unused-").tempdir()?,
        ))
    }

    /// Launches the app on a data folder that outlives the session (benchmarks reuse one).
    pub async fn launch_existing(name: &str, port: u16, dir: &Path) -> Result<Self, BoxError> {
        let parts = Self::connect(port, dir, false, TEST_CLOCK).await?;
        // An empty temp dir stands in; the real folder belongs to the caller.
        Ok(Self::from_parts(
            name,
            parts,
            tempfile::Builder::new().prefix("loket-unused-").tempdir()?,
        ))
    }

    /// Copies the data folder somewhere that outlives the session and returns its path.
    pub fn data_dir_keep(&self) -> Result<PathBuf, BoxError> {
        let keep = std::env::temp_dir().join(format!("loket-kept-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&keep);
        copy_dir(self.data_dir.path(), &keep)?;
        Ok(keep)
    }

    fn from_parts(
        name: &str,
        (client, driver): (Client, Driver),
        data_dir: tempfile::TempDir,
    ) -> Self {
        Self {
            client,
            data_dir,
            name: name.to_owned(),
            shots: std::sync::atomic::AtomicU32::new(0),
            _driver: driver,
        }
    }

    async fn connect(
        port: u16,
        dir: &Path,
        demo: bool,
        clock: &str,
    ) -> Result<(Client, Driver), BoxError> {
        Self::connect_with(port, dir, demo, clock, &[]).await
    }

    async fn connect_with(
        port: u16,
        dir: &Path,
        demo: bool,
        clock: &str,
        env: &[(&str, std::ffi::OsString)],
    ) -> Result<(Client, Driver), BoxError> {
        let driver = Driver::start_with(port, env)?;
        let mut args = vec!["--data-dir".to_owned(), dir.display().to_string()];
        if demo {
            args.push("--demo".to_owned());
        }
        // TEST_CLOCK (Monday 23 November 2026, 10:00 WIB) unless a test needs another moment: a
        // working day with sessions under way, whatever day the tests run on.
        args.extend(["--clock".to_owned(), clock.to_owned()]);
        let caps = serde_json::json!({
            "webkitgtk:browserOptions": { "binary": app_binary(), "args": args },
            "wdio:enforceWebDriverClassic": true,
        });
        let caps = caps.as_object().cloned().ok_or("capabilities")?;
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await?;
        Ok((client, driver))
    }

    /// Chooses `value` in the `<select>` with this `data-testid`, once that option exists (options
    /// filled from Rust arrive after the select itself).
    pub async fn select(&self, testid: &str, value: &str) -> Result<(), BoxError> {
        let css = format!("[data-testid=\"{testid}\"] option[value=\"{value}\"]");
        self.wait_css(&css).await?;
        let el = self.wait(testid).await?;
        el.select_by_value(value).await?;
        Ok(())
    }

    /// Saves the walk-in form and returns the new booking's code. Today's sessions may be full at
    /// the counter: when the form offers the next session with room, that one is taken.
    pub async fn save_walk_in(&self) -> Result<String, BoxError> {
        // Rust has judged the form exactly as it stands (the check runs a moment after typing).
        self.wait_css("[data-testid=\"walkin-status\"][data-checked=\"true\"]")
            .await?;
        if let Ok(next) = self
            .client
            .find(Locator::Css("[data-testid=\"walkin-use-next\"]"))
            .await
            && next.is_displayed().await?
        {
            next.click().await?;
        }
        self.click("walkin-save").await?;
        let code = self
            .wait_text("walkin-saved-code", |t| {
                t.contains("-P-") || t.contains("-S-")
            })
            .await?;
        Ok(code.trim().to_owned())
    }

    /// Waits until an element with this `data-testid` is displayed.
    pub async fn wait(&self, testid: &str) -> Result<Element, BoxError> {
        self.wait_css(&format!("[data-testid=\"{testid}\"]")).await
    }

    pub async fn wait_css(&self, css: &str) -> Result<Element, BoxError> {
        if let Some(el) = displayed(&self.client, css).await {
            return Ok(el);
        }
        self.screenshot("timeout").await.ok();
        Err(format!("{css} did not appear within 30 s").into())
    }

    /// Waits until the element's text satisfies `pred`, and returns that text.
    /// Scrolls the element to the top of the window, for a screenshot of what matters.
    pub async fn scroll_to(&self, testid: &str) -> Result<(), BoxError> {
        self.wait(testid).await?;
        self.client
            .execute(
                "document.querySelector(`[data-testid=\"${arguments[0]}\"]`).scrollIntoView({ block: 'start' });",
                vec![serde_json::Value::from(testid)],
            )
            .await?;
        Ok(())
    }

    pub async fn wait_text(
        &self,
        testid: &str,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, BoxError> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = self.wait(testid).await?.text().await?;
            if pred(&text) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                self.screenshot("timeout").await.ok();
                return Err(
                    format!("{testid} never showed the expected text; last: {text:?}").into(),
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the element; found again if the screen re-rendered it between finding and clicking
    /// (a list refreshed by its own timer), which WebDriver reports as a stale element.
    pub async fn click(&self, testid: &str) -> Result<(), BoxError> {
        for _ in 0..3 {
            match self.wait(testid).await?.click().await {
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference => {}
                other => return Ok(other?),
            }
        }
        Err(format!("{testid} kept being re-rendered").into())
    }

    pub async fn fill(&self, testid: &str, text: &str) -> Result<(), BoxError> {
        for _ in 0..3 {
            let el = self.wait(testid).await?;
            match el.clear().await {
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
                {
                    continue;
                }
                other => other?,
            }
            el.send_keys(text).await?;
            return Ok(());
        }
        Err(format!("{testid} kept being re-rendered").into())
    }

    pub async fn field(&self, card: &str, field: &str) -> Result<String, BoxError> {
        let el = self
            .wait_css(&format!(
                "[data-testid=\"{card}\"] [data-field=\"{field}\"]"
            ))
            .await?;
        Ok(el.text().await?.trim().to_owned())
    }

    /// Saves a whole-window screenshot as `<test>-<n>-<label>.png` in the artifacts folder.
    pub async fn screenshot(&self, label: &str) -> Result<PathBuf, BoxError> {
        // A screenshot right after an action can show the previous frame: let it paint.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let n = self
            .shots
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        let png = self.client.screenshot().await?;
        let path = artifacts_dir().join(format!("{}-{n:02}-{label}.png", self.name));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    pub async fn log_in(&self, username: &str, password: &str) -> Result<(), BoxError> {
        self.fill("login-username", username).await?;
        self.fill("login-password", password).await?;
        self.click("login-submit").await
    }

    /// Signs in and waits for the home screen.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<(), BoxError> {
        self.wait("login-form").await?;
        self.log_in(username, password).await?;
        self.wait("home-screen").await?;
        Ok(())
    }

    /// Moves the calendar one month on and waits until the new month is shown.
    pub async fn next_month(&self) -> Result<(), BoxError> {
        let before = self.wait("calendar-title").await?.text().await?;
        self.click("cal-next").await?;
        self.wait_text("calendar-title", |t| t != before).await?;
        Ok(())
    }

    pub async fn close(self) -> Result<(), BoxError> {
        self.client.close().await?;
        Ok(())
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
