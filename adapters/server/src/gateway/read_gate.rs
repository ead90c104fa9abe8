//! A gate in front of a socket's read side: it lets a poll through only when the read
//! side's own waker has fired since the last poll that found nothing.
//!
//! A connection's task wakes for every delivery, and its `select!` then polls every
//! branch. Without the gate each delivery also polls the WebSocket for a client frame,
//! and tungstenite zero-fills its read buffer and re-registers wakers on every attempt,
//! although a client sends a frame every few tens of seconds. The gate hands the inner
//! poll a waker of its own, which raises a flag and then wakes the task; a poll while the
//! flag is down costs two atomic operations and touches nothing else.
//!
//! It knows nothing of WebSockets: it wraps any poll function.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use futures_util::task::AtomicWaker;

/// Lets polls of the read side through only after its waker fired.
pub struct ReadGate {
    signal: Arc<Signal>,
    /// The waker handed to the read side, made once.
    waker: Waker,
}

/// What the read side's waker raises, and the task it wakes.
struct Signal {
    raised: AtomicBool,
    task: AtomicWaker,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.raised.store(true, Ordering::Release);
        self.task.wake();
    }
}

impl ReadGate {
    /// A gate that lets the first poll through.
    pub fn new() -> Self {
        let signal = Arc::new(Signal {
            raised: AtomicBool::new(true),
            task: AtomicWaker::new(),
        });
        let waker = Waker::from(signal.clone());
        Self { signal, waker }
    }

    /// Runs `poll` with the gate's waker if the read side may have something, otherwise
    /// answers `Pending` at once; either way the task behind `cx` is woken when it may.
    pub fn poll<T>(
        &self,
        cx: &mut Context<'_>,
        poll: impl FnOnce(&mut Context<'_>) -> Poll<T>,
    ) -> Poll<T> {
        // Registered before the flag is read, so that a wake in between is not lost.
        self.signal.task.register(cx.waker());
        if !self.signal.raised.swap(false, Ordering::AcqRel) {
            return Poll::Pending;
        }
        let polled = poll(&mut Context::from_waker(&self.waker));
        if polled.is_ready() {
            // More may be buffered already, with no wake to come: look again next time.
            self.signal.raised.store(true, Ordering::Release);
        }
        polled
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use futures_util::task::noop_waker;

    use super::*;

    /// A read side that counts its polls and answers what the test sets.
    #[derive(Default)]
    struct Source {
        polls: usize,
        ready: Option<u32>,
        waker: Option<Waker>,
    }

    impl Source {
        fn poll(&mut self, cx: &mut Context<'_>) -> Poll<u32> {
            self.polls += 1;
            match self.ready.take() {
                Some(value) => Poll::Ready(value),
                None => {
                    self.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        }
    }

    #[test]
    fn the_read_side_is_polled_again_only_after_its_waker_fired() {
        let gate = ReadGate::new();
        let source = Mutex::new(Source::default());
        let waker = noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut poll = || gate.poll(&mut cx, |cx| source.lock().unwrap().poll(cx));

        assert!(poll().is_pending());
        assert!(poll().is_pending());
        assert!(poll().is_pending());
        assert_eq!(
            source.lock().unwrap().polls,
            1,
            "only the first poll got through"
        );

        let mut inner = source.lock().unwrap();
        inner.ready = Some(7);
        inner.waker.take().unwrap().wake();
        drop(inner);
        assert_eq!(poll(), Poll::Ready(7));
        assert!(
            poll().is_pending(),
            "after an item the read side is asked again"
        );
        assert!(poll().is_pending());
        assert_eq!(source.lock().unwrap().polls, 3);
    }

    #[test]
    fn the_task_is_woken_when_the_read_side_is() {
        struct Count(Mutex<usize>);
        impl Wake for Count {
            fn wake(self: Arc<Self>) {
                *self.0.lock().unwrap() += 1;
            }
        }
        let count = Arc::new(Count(Mutex::new(0)));
        let task = Waker::from(count.clone());
        let gate = ReadGate::new();
        let mut source = Source::default();

        assert!(
            gate.poll(&mut Context::from_waker(&task), |cx| source.poll(cx))
                .is_pending()
        );
        source.waker.take().unwrap().wake();
        assert_eq!(*count.0.lock().unwrap(), 1);
    }
}
