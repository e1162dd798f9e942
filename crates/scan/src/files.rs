//! Image files standing in for a webcam: the tests, the app's end-to-end tests and the `frames`
//! example run the real scanning loop on a machine without a camera.

use std::io;
use std::path::{Path, PathBuf};

use image::ImageReader;
use loket_domain::text;

use crate::error::CameraError;
use crate::frame::{Frame, FrameSource};

/// A frame source that returns the given images in order, then starts again, forever.
#[derive(Debug)]
pub struct FileFrames {
    paths: Vec<PathBuf>,
    next: usize,
}

impl FileFrames {
    /// Checks every file up front (it exists and is an image whose size can be read), so a wrong
    /// path is reported when the source is chosen, not somewhere in the middle of a scan.
    /// Pixels are decoded frame by frame, keeping memory flat for long lists.
    pub fn open(paths: Vec<PathBuf>) -> Result<FileFrames, CameraError> {
        if paths.is_empty() {
            return Err(CameraError::File {
                path: "(tidak ada)".into(),
                reason: text!(
                    "daftar berkas gambar kosong",
                    "the list of image files is empty"
                ),
            });
        }
        for path in &paths {
            ImageReader::open(path)
                .map_err(|e| file_error(path, &e))?
                .with_guessed_format()
                .map_err(|e| file_error(path, &e))?
                .into_dimensions()
                .map_err(|e| image_error(path, &e))?;
        }
        Ok(FileFrames { paths, next: 0 })
    }
}

impl FrameSource for FileFrames {
    fn next_frame(&mut self) -> Result<Frame, CameraError> {
        let path = &self.paths[self.next];
        self.next = (self.next + 1) % self.paths.len();
        let image = ImageReader::open(path)
            .map_err(|e| file_error(path, &e))?
            .with_guessed_format()
            .map_err(|e| file_error(path, &e))?
            .decode()
            .map_err(|e| image_error(path, &e))?;
        Ok(Frame::from_image(&image))
    }

    fn describe(&self) -> String {
        let names: Vec<String> = self
            .paths
            .iter()
            .map(|p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            })
            .collect();
        format!("Berkas gambar ({}): {}", names.len(), names.join(", "))
    }
}

fn file_error(path: &Path, e: &io::Error) -> CameraError {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => text!("berkas tidak ada", "the file does not exist"),
        io::ErrorKind::PermissionDenied => text!(
            "tidak ada izin untuk membacanya",
            "there is no permission to read it"
        ),
        _ => text!("kesalahan saat membaca ({e})", "error while reading ({e})"),
    };
    CameraError::File {
        path: path.display().to_string(),
        reason,
    }
}

fn image_error(path: &Path, e: &image::ImageError) -> CameraError {
    let reason = match e {
        image::ImageError::IoError(io) => return file_error(path, io),
        image::ImageError::Unsupported(_) => {
            text!(
                "bukan gambar PNG atau JPEG",
                "it is not a PNG or JPEG image"
            )
        }
        _ => text!("gambarnya rusak ({e})", "the image is damaged ({e})"),
    };
    CameraError::File {
        path: path.display().to_string(),
        reason,
    }
}
