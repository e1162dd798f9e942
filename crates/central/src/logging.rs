//! Structured logs on stdout, every line passed through a writer that masks 16-digit runs (NIK,
//! KK): a net under the rule that code logs only masked personal data.

use std::io::Write;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

pub fn init() {
    let filter = EnvFilter::try_from_env("LOKET_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    // A second init (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Masking)
        .try_init();
}

#[derive(Debug, Clone, Copy)]
struct Masking;

impl<'a> MakeWriter<'a> for Masking {
    type Writer = MaskingWriter;
    fn make_writer(&'a self) -> Self::Writer {
        MaskingWriter(Vec::new())
    }
}

/// Buffers one event and writes it masked when dropped (tracing writes an event, then drops).
#[derive(Debug)]
pub struct MaskingWriter(Vec<u8>);

impl Write for MaskingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for MaskingWriter {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        let masked = loket_domain::pii::mask_digit_runs(&text);
        let _ = std::io::stdout().lock().write_all(masked.as_bytes());
    }
}
