//! The parts of opening a webcam that depend on nokhwa's details: which format to ask for, and
//! what its errors mean for the officer.

use loket_domain::{Text, text};
use nokhwa::NokhwaError;
use nokhwa::utils::{
    CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType, frame_formats,
};

use crate::error::CameraError;

/// Opens camera `index`, sets the format nearest `width × height` and starts the stream; returns
/// the camera and a label for the settings screen. Runs on the camera's own thread.
pub(super) fn open_device(
    index: u32,
    width: u32,
    height: u32,
) -> Result<(nokhwa::Camera, String), CameraError> {
    let fail = |e: NokhwaError| {
        tracing::warn!(index, error = %e, "opening camera failed");
        map_error(&e, Some(index))
    };
    // nokhwa's own `Closest` request only looks at frame rates offered at exactly the requested
    // size (and fails when there are none), so open with any format and choose ourselves.
    let any = RequestedFormat::with_formats(RequestedFormatType::None, frame_formats());
    let mut camera = nokhwa::Camera::new(CameraIndex::Index(index), any).map_err(fail)?;
    match camera.compatible_camera_formats() {
        Ok(formats) => {
            if let Some(best) = choose_format(&formats, width, height)
                && best != camera.camera_format()
            {
                let wanted = [best.format()];
                camera
                    .set_camera_requset(RequestedFormat::with_formats(
                        RequestedFormatType::Exact(best),
                        &wanted,
                    ))
                    .map_err(fail)?;
            }
        }
        Err(e) => tracing::warn!(error = %e, "camera formats unknown; keeping the default"),
    }
    camera.open_stream().map_err(fail)?;
    let format = camera.camera_format();
    let label = format!(
        "Kamera {index}: {} ({}×{} {}, {} fps)",
        camera.info().human_name(),
        format.width(),
        format.height(),
        format.format(),
        format.frame_rate()
    );
    Ok((camera, label))
}

/// The format nearest `width × height`; among equals, the frame rate nearest 30, then the format
/// cheapest to turn into pixels. Size comes first: at arm's length a QR code needs the pixels
/// more than the frame rate.
fn choose_format(formats: &[CameraFormat], width: u32, height: u32) -> Option<CameraFormat> {
    let cost = |f: FrameFormat| match f {
        FrameFormat::MJPEG => 0,
        FrameFormat::YUYV => 1,
        FrameFormat::NV12 => 2,
        FrameFormat::GRAY | FrameFormat::RAWRGB | FrameFormat::RAWBGR => 3,
    };
    formats.iter().copied().min_by_key(|f| {
        let dx = i64::from(f.width()) - i64::from(width);
        let dy = i64::from(f.height()) - i64::from(height);
        (
            dx * dx + dy * dy,
            f.frame_rate().abs_diff(30),
            cost(f.format()),
        )
    })
}

/// What the officer should be told, read from nokhwa's error (it carries the OS error as text).
pub(super) fn map_error(e: &NokhwaError, index: Option<u32>) -> CameraError {
    let detail = e.to_string();
    let text = detail.to_lowercase();
    let has = |signs: &[&str]| signs.iter().any(|s| text.contains(s));
    // Linux EBUSY; Windows ERROR_BUSY, sharing violation, MF "failed to start streaming" and
    // "device preempted" (Windows prints the HRESULT in hex, whatever the UI language).
    if has(&[
        "device or resource busy",
        "os error 16",
        "0x800700aa",
        "0x80070020",
        "0xc00d3704",
        "0xc00d3e85",
    ]) {
        return CameraError::Busy(detail);
    }
    if let (Some(index), NokhwaError::OpenDeviceError(..)) = (index, e)
        && has(&[
            "no such file",
            "os error 2)",
            "no such device",
            "os error 19",
            "not found",
        ])
    {
        return CameraError::NotFound(index);
    }
    if has(&["permission denied", "os error 13", "0x80070005"]) {
        return CameraError::Failed(text!(
            "akses ke kamera ditolak; izinkan aplikasi memakai kamera di pengaturan privasi",
            "access to the camera was refused; allow apps to use the camera in the privacy settings"
        ));
    }
    match e {
        NokhwaError::GetPropertyError { property, .. } if property == "CameraFormat" => {
            CameraError::Failed(unknown_video())
        }
        NokhwaError::InitializeError { error, .. } if error.contains("fulfill") => {
            CameraError::Failed(unknown_video())
        }
        NokhwaError::ProcessFrameError { .. } => CameraError::Failed(text!(
            "gambar dari kamera rusak berulang kali",
            "the camera's images are damaged again and again"
        )),
        // The system's own words, for support staff: the same in both languages.
        _ => CameraError::Failed(Text::same(detail)),
    }
}

fn unknown_video() -> Text {
    text!(
        "perangkat ini tidak mengirim gambar video yang dikenali; pilih kamera lain",
        "this device sends no video the app recognises; choose another camera"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(w: u32, h: u32, f: FrameFormat, fps: u32) -> CameraFormat {
        CameraFormat::new_from(w, h, f, fps)
    }

    #[test]
    fn the_requested_size_wins_over_frame_rate() {
        let formats = [
            fmt(640, 480, FrameFormat::YUYV, 30),
            fmt(1280, 720, FrameFormat::YUYV, 10),
            fmt(1920, 1080, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&formats, 1280, 720),
            Some(fmt(1280, 720, FrameFormat::YUYV, 10))
        );
    }

    #[test]
    fn at_the_same_size_30_fps_mjpeg_is_preferred() {
        let formats = [
            fmt(1280, 720, FrameFormat::YUYV, 10),
            fmt(1280, 720, FrameFormat::NV12, 30),
            fmt(1280, 720, FrameFormat::MJPEG, 60),
            fmt(1280, 720, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&formats, 1280, 720),
            Some(fmt(1280, 720, FrameFormat::MJPEG, 30))
        );
    }

    #[test]
    fn without_the_requested_size_the_nearest_one_is_taken() {
        let formats = [
            fmt(640, 480, FrameFormat::MJPEG, 30),
            fmt(1024, 768, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&formats, 1280, 720),
            Some(fmt(1024, 768, FrameFormat::MJPEG, 30))
        );
        assert_eq!(choose_format(&[], 1280, 720), None);
    }

    #[test]
    fn a_busy_device_is_reported_as_busy() {
        let linux = NokhwaError::SetPropertyError {
            property: "Resolution, FrameFormat".into(),
            value: "1280x720".into(),
            error: "Device or resource busy (os error 16)".into(),
        };
        assert!(matches!(map_error(&linux, Some(0)), CameraError::Busy(_)));
        let windows = NokhwaError::ReadFrameError(
            "The hardware MFT failed to start streaming (0xC00D3704)".into(),
        );
        assert!(matches!(map_error(&windows, Some(0)), CameraError::Busy(_)));
    }

    #[test]
    fn a_missing_device_node_is_reported_as_not_found() {
        let e = NokhwaError::OpenDeviceError(
            "7".into(),
            "V4L2 Error: No such file or directory (os error 2)".into(),
        );
        assert!(matches!(map_error(&e, Some(7)), CameraError::NotFound(7)));
    }
}
