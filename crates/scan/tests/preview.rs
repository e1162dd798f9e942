#![allow(clippy::unwrap_used)]
//! The small JPEG the window shows while the officer aims the proof at the camera.

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use loket_scan::synth::{self, Scene};
use loket_scan::{Frame, ScanError};

#[test]
fn a_720p_frame_becomes_a_jpeg_640_wide() {
    let frame = synth::camera_frame("LKT1.preview", &Scene::arm_length(), 5);
    let jpeg = frame.to_jpeg(70).unwrap();
    assert_eq!(&jpeg[..3], &[0xFF, 0xD8, 0xFF]);
    assert!(jpeg.len() < 100_000, "{} bytes", jpeg.len());
    let preview = image::load_from_memory_with_format(&jpeg, ImageFormat::Jpeg).unwrap();
    assert_eq!((preview.width(), preview.height()), (640, 360));
}

#[test]
fn a_small_colour_frame_keeps_its_size_and_its_colour() {
    let image = DynamicImage::ImageRgb8(RgbImage::from_pixel(320, 240, Rgb([20, 120, 220])));
    let frame = Frame::from_image(&image);
    assert!(frame.rgb.is_some());
    let preview = image::load_from_memory(&frame.to_jpeg(90).unwrap()).unwrap();
    assert_eq!((preview.width(), preview.height()), (320, 240));
    let px = preview.to_rgb8().get_pixel(160, 120).0;
    assert!(px[2] > px[0] + 150, "{px:?}");
}

#[test]
fn a_frame_whose_buffer_does_not_match_its_size_gives_a_preview_error() {
    let frame = Frame {
        width: 1280,
        height: 720,
        luma: vec![0; 100],
        rgb: None,
    };
    let err = frame.to_jpeg(70).unwrap_err();
    assert!(matches!(err, ScanError::Preview(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("Pratinjau kamera tidak dapat dibuat")
    );
}
