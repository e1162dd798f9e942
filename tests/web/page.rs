//! The few verbs the page tests use, over a WebDriver session, with a screenshot on a timeout.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use loket_tests::BoxError;

pub struct Page {
    pub client: Client,
    name: String,
    shots: AtomicU32,
}

impl Page {
    pub fn new(name: &str, client: Client) -> Self {
        Self {
            client,
            name: name.to_owned(),
            shots: AtomicU32::new(0),
        }
    }

    /// Waits until an element matching `css` is displayed.
    pub async fn wait_css(&self, css: &str) -> Result<Element, BoxError> {
        if let Some(el) = loket_tests::displayed(&self.client, css).await {
            return Ok(el);
        }
        self.shot("timeout").await.ok();
        Err(format!("{css} did not appear within 30 s").into())
    }

    /// Waits until the element's text satisfies `pred`, and returns that text.
    pub async fn wait_text(
        &self,
        css: &str,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, BoxError> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = el.text().await
            {
                if pred(text.trim()) {
                    return Ok(text.trim().to_owned());
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.shot("timeout").await.ok();
        Err(format!("{css} never had the expected text; last: {last:?}").into())
    }

    pub async fn click(&self, css: &str) -> Result<(), BoxError> {
        self.wait_css(css).await?.click().await?;
        Ok(())
    }

    /// Types `text` at the end of the field's value.
    pub async fn fill(&self, css: &str, text: &str) -> Result<(), BoxError> {
        self.wait_css(css).await?.send_keys(text).await?;
        Ok(())
    }

    pub async fn select(&self, css: &str, value: &str) -> Result<(), BoxError> {
        self.wait_css(css).await?.select_by_value(value).await?;
        Ok(())
    }

    pub async fn text(&self, css: &str) -> Result<String, BoxError> {
        Ok(self.wait_css(css).await?.text().await?.trim().to_owned())
    }

    /// An attribute or, for `value`, the property a script or the user set.
    pub async fn attr(&self, css: &str, name: &str) -> Result<String, BoxError> {
        let el = self.wait_css(css).await?;
        let got = if name == "value" {
            el.prop(name).await?
        } else {
            el.attr(name).await?
        };
        Ok(got.unwrap_or_default())
    }

    /// Saves a screenshot as `<artifacts>/<name>-<n>-<label>.png`.
    pub async fn shot(&self, label: &str) -> Result<PathBuf, BoxError> {
        let n = self.shots.fetch_add(1, Ordering::Relaxed) + 1;
        let path = loket_tests::artifacts_dir().join(format!("{}-{n:02}-{label}.png", self.name));
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }
}

/// Waits until the browser has finished saving `path` (chromium writes `.crdownload` first).
pub async fn wait_for_file(path: &Path, within: Duration) -> Result<(), BoxError> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{} was not saved", path.display()).into())
}

/// The text of the QR code on the PDF's first page, rendered at 150 dpi by poppler's pdftoppm.
pub fn qr_of_pdf(pdf: &Path) -> Result<String, BoxError> {
    let dir = tempfile::tempdir()?;
    let prefix = dir.path().join("page");
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&prefix)
        .status()?
        .success();
    if !ok {
        return Err("pdftoppm failed".into());
    }
    let png = dir.path().join("page-1.png");
    let png = png.to_str().ok_or("path")?;
    let found = rxing::helpers::detect_in_file(png, Some(rxing::BarcodeFormat::QR_CODE))
        .map_err(|e| format!("no QR code on the PDF: {e}"))?;
    Ok(found.getText().to_owned())
}
