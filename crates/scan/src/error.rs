//! What can go wrong between the lens and the booking code. Each message is what the officer reads
//! at the counter, so it says what to do next; technical detail stays in the fields for the log.

use loket_domain::Text;

/// Why no booking code came out of a frame.
#[derive(Debug, thiserror::Error)]
pub enum QrError {
    /// No QR code was located in the frame: too far, blurred, or not in view.
    NotFound,
    /// Something QR-like was seen but its content could not be recovered (torn, folded, covered),
    /// or the frame itself was malformed. The field is the decoder's detail, for the log.
    Unreadable(String),
}

loket_domain::bilingual!(QrError {
    Self::NotFound =>
        ["Kode QR tidak terbaca pada gambar ini. Dekatkan bukti ke kamera dan pastikan tidak buram."]
        ["No QR code could be read in this image. Hold the proof closer to the camera and make sure it is not blurred."],
    Self::Unreadable(_) =>
        ["Kode QR terlihat tetapi isinya tidak dapat dibaca. Ratakan bukti dan pastikan kodenya \
          tidak tertutup atau rusak; bila tetap gagal, ketik kode pemesanan secara manual."]
        ["A QR code is visible but its content cannot be read. Flatten the proof and make sure the \
          code is not covered or damaged; if it still fails, type the booking code by hand."],
});

/// Why frames could not be had from a camera or from image files.
// Clone: an open camera keeps reporting the failure that ended its stream on every later call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CameraError {
    /// The operating system reports no camera at all.
    NoCamera,
    /// Another program holds the camera. The field is the system's detail, for the log.
    Busy(String),
    /// Cameras exist, but not the one with this number (unplugged, or the setting is stale).
    NotFound(u32),
    /// The camera was found but failed; the field says how, shown because support staff need it
    /// (the system's own words are the same in both languages).
    Failed(Text),
    /// An image file standing in for the camera could not be read.
    File { path: String, reason: Text },
}

loket_domain::bilingual!(CameraError {
    Self::NoCamera =>
        ["Tidak ada kamera yang terhubung ke PC ini. Pasang webcam, atau gunakan pemindai \
          barcode USB."]
        ["No camera is connected to this PC. Plug in a webcam, or use a USB barcode scanner."],
    Self::Busy(_) =>
        ["Kamera sedang dipakai aplikasi lain. Tutup aplikasi tersebut lalu coba lagi."]
        ["Another application is using the camera. Close it and try again."],
    Self::NotFound(n) =>
        ["Kamera nomor {n} tidak ditemukan. Periksa kabelnya, atau pilih kamera lain di Pengaturan."]
        ["Camera number {n} was not found. Check its cable, or choose another camera in Settings."],
    Self::Failed(why) =>
        ["Kamera tidak dapat dipakai ({why}). Cabut lalu pasang kembali kameranya, lalu coba lagi."]
        ["The camera cannot be used ({}). Unplug the camera, plug it back in and try again.", why.en],
    Self::File { path, reason } => ["Berkas gambar {path} tidak dapat dibaca: {reason}."]
        ["The image file {path} cannot be read: {}.", reason.en],
});

/// Errors of the crate as a whole, for callers that handle frames, previews and codes together.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    Camera(#[from] CameraError),
    Qr(#[from] QrError),
    /// The preview for the window could not be made. The field is the detail, for the log.
    Preview(Text),
}

loket_domain::bilingual!(ScanError {
    Self::Camera(e) => ["{e}"] ["{}", e.en()],
    Self::Qr(e) => ["{e}"] ["{}", e.en()],
    Self::Preview(why) => ["Pratinjau kamera tidak dapat dibuat ({why})."]
        ["The camera preview cannot be made ({}).", why.en],
});

#[cfg(test)]
mod tests {
    use super::*;
    use loket_domain::Bilingual;

    #[test]
    fn scan_errors_speak_both_languages() {
        let busy = CameraError::Busy("Device or resource busy (os error 16)".into());
        assert_eq!(
            busy.to_string(),
            "Kamera sedang dipakai aplikasi lain. Tutup aplikasi tersebut lalu coba lagi."
        );
        assert_eq!(
            busy.en(),
            "Another application is using the camera. Close it and try again."
        );

        // A transparent wrapper speaks the language of what it wraps.
        let wrapped = ScanError::from(CameraError::NotFound(2));
        assert_eq!(
            wrapped.to_string(),
            "Kamera nomor 2 tidak ditemukan. Periksa kabelnya, atau pilih kamera lain di Pengaturan."
        );
        assert_eq!(
            wrapped.en(),
            "Camera number 2 was not found. Check its cable, or choose another camera in Settings."
        );

        let file = CameraError::File {
            path: "bukti.png".into(),
            reason: loket_domain::text!("berkas tidak ada", "the file does not exist"),
        };
        assert_eq!(
            file.text(),
            Text::new(
                "Berkas gambar bukti.png tidak dapat dibaca: berkas tidak ada.",
                "The image file bukti.png cannot be read: the file does not exist."
            )
        );
        assert_eq!(
            crate::mrz::ParseError::UnknownLayout.en(),
            "the MRZ lines match none of the TD1, TD2, TD3 or visa layouts"
        );
    }
}
