//! Live reload by long-polling (tiny_http streams poorly). The injected
//! client asks `/__dienstweg/poll?generation=N`; the request is parked, not
//! bound to a thread, and one responder thread answers it with the status
//! (generation, build, error) as soon as a rebuild moves the generation past
//! N, or after [`POLL_TIMEOUT`] so that no proxy or browser gives up first.

use super::http::{respond, Body};
use super::state::{Parked, State};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a poll waits for a rebuild before it answers anyway.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// At most this many polls wait at once (a tab holds one); more get 503 and
/// retry after a pause.
const MAX_PARKED: usize = 256;

/// The script injected into every HTML page in serve mode.
pub const CLIENT_SCRIPT: &str = include_str!("live.js");

/// The generation a poll has seen, from its query (`None` when absent or
/// malformed: then it gets the current status at once).
pub fn seen_generation(target: &str) -> Option<u64> {
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("generation="))
        .and_then(|value| value.parse().ok())
}

/// Answer `request` now if the generation moved past `seen`, else park it.
pub fn poll(request: tiny_http::Request, seen: Option<u64>, state: &State) {
    let mut live = state.live();
    let waiting = seen == Some(live.generation);
    if waiting && live.parked.len() < MAX_PARKED {
        let seen = live.generation;
        live.parked.push(Parked {
            request,
            seen,
            deadline: Instant::now() + POLL_TIMEOUT,
        });
        return;
    }
    let status = live.status();
    drop(live);
    if waiting {
        respond(request, 503, Body::Text("too many open previews"));
    } else {
        respond(request, 200, Body::Json(status.to_json()));
    }
}

/// The responder thread: answer parked polls when the generation moves or
/// their time is up. Never returns.
pub fn answer_polls(state: Arc<State>) {
    loop {
        let mut live = state.live();
        live = state.wait_for_change(live, Duration::from_millis(500));
        let now = Instant::now();
        let generation = live.generation;
        let (due, waiting): (Vec<Parked>, Vec<Parked>) = std::mem::take(&mut live.parked)
            .into_iter()
            .partition(|parked| parked.seen != generation || parked.deadline <= now);
        live.parked = waiting;
        let status = live.status();
        drop(live);
        for parked in due {
            respond(parked.request, 200, Body::Json(status.to_json()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_read_from_the_query() {
        assert_eq!(seen_generation("/__dienstweg/poll?generation=12"), Some(12));
        assert_eq!(
            seen_generation("/__dienstweg/poll?x=1&generation=3&y"),
            Some(3)
        );
        assert_eq!(seen_generation("/__dienstweg/poll"), None);
        assert_eq!(seen_generation("/__dienstweg/poll?generation=-1"), None);
    }

    #[test]
    fn client_script_reloads_and_shows_an_accessible_overlay() {
        assert!(CLIENT_SCRIPT.contains("location.reload()"));
        assert!(CLIENT_SCRIPT.contains("\"role\", \"alert\""));
        assert!(CLIENT_SCRIPT.contains("/__dienstweg/poll?generation="));
        assert!(!CLIENT_SCRIPT.contains("innerHTML"));
    }
}
