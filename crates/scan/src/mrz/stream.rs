//! Reading a zone over a camera stream: one frame's read is accepted only when the next frames
//! read the same zone. A hand moving the passport, a reflection sweeping the page or focus
//! hunting each change a character in one frame; the same wrong text in consecutive frames is
//! far less likely than in one.

use super::locate::{FrameRead, read_frame};
use super::parse::{Date, Mrz};
use crate::Frame;

/// Consecutive valid, identical reads needed by default.
pub const AGREEING_FRAMES: usize = 2;

/// Accepts a zone once [`MrzStream::needed`] consecutive frames give the same valid read.
#[derive(Debug, Clone)]
pub struct MrzStream {
    needed: usize,
    last: Option<Vec<String>>,
    run: usize,
}

impl Default for MrzStream {
    fn default() -> Self {
        MrzStream::new(AGREEING_FRAMES)
    }
}

impl MrzStream {
    /// `needed` consecutive agreeing frames (at least 1).
    pub fn new(needed: usize) -> MrzStream {
        MrzStream {
            needed: needed.max(1),
            last: None,
            run: 0,
        }
    }

    pub fn needed(&self) -> usize {
        self.needed
    }

    /// How many consecutive frames agree so far (for a progress hint in the preview).
    pub fn agreeing(&self) -> usize {
        self.run
    }

    /// Feeds one frame's read (`None`: nothing found). Returns the zone when this frame
    /// completes a run of agreeing valid reads; a frame without a valid read, or with other
    /// lines, starts the count again.
    pub fn push(&mut self, read: Option<&FrameRead>) -> Option<Mrz> {
        let Some(read) = read.filter(|r| r.valid()) else {
            self.last = None;
            self.run = 0;
            return None;
        };
        if self.last.as_ref() == Some(&read.lines) {
            self.run += 1;
        } else {
            self.last = Some(read.lines.clone());
            self.run = 1;
        }
        if self.run >= self.needed {
            self.run = 0;
            self.last = None;
            return read.mrz.clone();
        }
        None
    }

    /// Reads `frame` and feeds the result: [`read_frame`] then [`MrzStream::push`].
    pub fn read(&mut self, frame: &Frame, today: Date) -> Option<Mrz> {
        let read = read_frame(frame, today);
        self.push(read.as_ref())
    }
}
