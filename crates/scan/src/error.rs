//! What can go wrong between the lens and the booking code. Each message is what the officer reads
//! at the counter, so it says what to do next; technical detail stays in the fields for the log.

/// Why no booking code came out of a frame.
#[derive(Debug, thiserror::Error)]
pub enum QrError {
    /// No QR code was located in the frame: too far, blurred, or not in view.
    #[error(
        "Kode QR tidak terbaca pada gambar ini. Dekatkan bukti ke kamera dan pastikan tidak buram."
    )]
    NotFound,
    /// Something QR-like was seen but its content could not be recovered (torn, folded, covered),
    /// or the frame itself was malformed. The field is the decoder's detail, for the log.
    #[error(
        "Kode QR terlihat tetapi isinya tidak dapat dibaca. Ratakan bukti dan pastikan kodenya \
         tidak tertutup atau rusak; bila tetap gagal, ketik kode pemesanan secara manual."
    )]
    Unreadable(String),
}

/// Why frames could not be had from a camera or from image files.
// Clone: an open camera keeps reporting the failure that ended its stream on every later call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CameraError {
    /// The operating system reports no camera at all.
    #[error(
        "Tidak ada kamera yang terhubung ke PC ini. Pasang webcam, atau gunakan pemindai \
         barcode USB."
    )]
    NoCamera,
    /// Another program holds the camera. The field is the system's detail, for the log.
    #[error("Kamera sedang dipakai aplikasi lain. Tutup aplikasi tersebut lalu coba lagi.")]
    Busy(String),
    /// Cameras exist, but not the one with this number (unplugged, or the setting is stale).
    #[error(
        "Kamera nomor {0} tidak ditemukan. Periksa kabelnya, atau pilih kamera lain di Pengaturan."
    )]
    NotFound(u32),
    /// The camera was found but failed; the field says how, shown because support staff need it.
    #[error(
        "Kamera tidak dapat dipakai ({0}). Cabut lalu pasang kembali kameranya, lalu coba lagi."
    )]
    Failed(String),
    /// An image file standing in for the camera could not be read.
    #[error("Berkas gambar {path} tidak dapat dibaca: {reason}.")]
    File { path: String, reason: String },
}

/// Errors of the crate as a whole, for callers that handle frames, previews and codes together.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Camera(#[from] CameraError),
    #[error(transparent)]
    Qr(#[from] QrError),
    /// The preview for the window could not be made. The field is the detail, for the log.
    #[error("Pratinjau kamera tidak dapat dibuat ({0}).")]
    Preview(String),
}
