//! Logs go to a daily rolling file in the app's log folder. Every line passes through a writer that
//! masks 16-digit runs (NIK, KK), a net under the rule that code logs only masked personal data.

use std::io::Write;
use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// Keeps the background log writer alive for the life of the app.
#[derive(Debug)]
pub struct LogGuard(#[allow(dead_code)] WorkerGuard);

pub fn init(dir: &Path) -> Result<LogGuard, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("loket")
        .filename_suffix("log")
        .max_log_files(30)
        .build(dir)?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("LOKET_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // A second init (tests) keeps the first subscriber; that is fine.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Masking(writer))
        .try_init();
    Ok(LogGuard(guard))
}

#[derive(Debug, Clone)]
pub struct Masking<W>(pub W);

impl<'a, W: MakeWriter<'a>> MakeWriter<'a> for Masking<W> {
    type Writer = MaskingWriter<W::Writer>;
    fn make_writer(&'a self) -> Self::Writer {
        MaskingWriter(self.0.make_writer())
    }
}

#[derive(Debug)]
pub struct MaskingWriter<W>(W);

impl<W: Write> Write for MaskingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // tracing's fmt layer hands over one whole event per write, so a NIK is never split.
        let text = String::from_utf8_lossy(buf);
        self.0
            .write_all(loket_domain::pii::mask_digit_runs(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nik_written_to_the_log_comes_out_masked() {
        let mut out = Vec::new();
        let mut w = MaskingWriter(&mut out);
        w.write_all(b"checked nik=3171011211870001 ok\n").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "checked nik=3171**********01 ok\n"
        );
    }
}
