//! Debian's chromium, headless, behind Debian's chromedriver: a fresh profile per test, a
//! phone-sized window, downloads saved into a folder the test reads.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use loket_tests::BoxError;

/// A running chromedriver, killed on drop (it takes its chromium with it).
pub struct Chromium {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Chromium {
    pub fn start() -> Result<Self, BoxError> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("chromedriver could not start ({e}); install Debian's chromium-driver")
            })?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not open its port within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self {
            child,
            port,
            profile: tempfile::tempdir()?,
        })
    }

    /// A browser session the size of a common phone (390 × 844 CSS pixels), saving downloads
    /// into `downloads`.
    pub async fn phone(&self, downloads: &Path) -> Result<Client, BoxError> {
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-dev-shm-usage", "--lang=id-ID",
                    format!("--user-data-dir={}", self.profile.path().display()),
                    "--window-size=390,844",
                ],
                // The viewport of a common phone; a headless window is never narrower than 500.
                "mobileEmulation": {
                    "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1.0, "touch": true },
                },
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": "id-ID,id",
                },
            }
        });
        let serde_json::Value::Object(caps) = caps else {
            return Err("capabilities are not an object".into());
        };
        Ok(ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await?)
    }
}
