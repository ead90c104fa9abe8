//! The scenarios: how many clients in which guilds, who sends, how fast, how long.
//!
//! `--scale` multiplies the numbers of clients (each guild keeps at least two members);
//! `--time-scale` multiplies the durations (each window lasts at least two seconds).

use std::time::Duration;

use clap::ValueEnum;

/// A scenario name on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Name {
    /// 1,000 clients in 10 guilds of 100; one sender per guild at 20 messages/s; 20 s.
    Chatty,
    /// 10,000 connections; one sender at 10 messages/s in a guild of 100, the others in
    /// quiet guilds of 100; 20 s.
    Idle,
    /// 2,000 clients in one guild; one sender from 50 messages/s, doubling every 5 s
    /// while nothing is lost.
    Bigroom,
    /// Idle, chatty and big room, in that order.
    All,
}

impl Name {
    /// The scenarios this name stands for, in the order they run.
    pub fn expand(self) -> Vec<Name> {
        match self {
            Name::All => vec![Name::Idle, Name::Chatty, Name::Bigroom],
            name => vec![name],
        }
    }
}

/// A raising of the rate step by step, each step twice the one before.
#[derive(Debug, Clone, Copy)]
pub struct Sweep {
    /// The most steps.
    pub max_steps: usize,
}

/// One scenario, scaled.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Its name in the JSON line.
    pub name: &'static str,
    /// The number of members of each guild; every member holds a gateway connection.
    pub guilds: Vec<usize>,
    /// The first `senders` guilds have a sender, their owner (also connected).
    pub senders: usize,
    /// Messages a second per sender (at the first step of a sweep).
    pub rate: f64,
    /// How long the senders send (each step of a sweep).
    pub duration: Duration,
    /// Raise the rate until messages are lost.
    pub sweep: Option<Sweep>,
}

impl Layout {
    /// The scenario `name` scaled by `scale` (clients) and `time_scale` (durations).
    pub fn new(name: Name, scale: f64, time_scale: f64, max_steps: usize) -> Self {
        let clients = |n: usize| ((n as f64 * scale).round() as usize).max(2);
        let seconds = |s: f64| Duration::from_secs_f64((s * time_scale).max(2.0));
        match name {
            Name::Chatty => Self {
                name: "chatty",
                guilds: vec![clients(100); 10],
                senders: 10,
                rate: 20.0,
                duration: seconds(20.0),
                sweep: None,
            },
            Name::Idle => Self {
                name: "idle",
                guilds: split(clients(10_000), clients(100)),
                senders: 1,
                rate: 10.0,
                duration: seconds(20.0),
                sweep: None,
            },
            Name::Bigroom | Name::All => Self {
                name: "bigroom",
                guilds: vec![clients(2_000)],
                senders: 1,
                rate: 50.0,
                duration: seconds(5.0),
                sweep: Some(Sweep { max_steps }),
            },
        }
    }

    /// Every client of the scenario.
    pub fn clients(&self) -> usize {
        self.guilds.iter().sum()
    }
}

/// `total` members in guilds of `size`, the last one taking the rest.
fn split(total: usize, size: usize) -> Vec<usize> {
    let mut guilds = vec![size; total / size];
    let rest = total % size;
    match guilds.last_mut() {
        // A guild of one would have nobody to hear from: it joins the last one.
        Some(last) if rest == 1 => *last += 1,
        _ if rest > 0 => guilds.push(rest),
        _ => {}
    }
    guilds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_scale_matches_the_scenario_descriptions() {
        let idle = Layout::new(Name::Idle, 1.0, 1.0, 8);
        assert_eq!(
            (idle.clients(), idle.guilds.len(), idle.guilds[0]),
            (10_000, 100, 100)
        );
        let chatty = Layout::new(Name::Chatty, 1.0, 1.0, 8);
        assert_eq!((chatty.clients(), chatty.senders), (1_000, 10));
        let big = Layout::new(Name::Bigroom, 1.0, 1.0, 8);
        assert_eq!(
            (big.clients(), big.duration),
            (2_000, Duration::from_secs(5))
        );
    }

    #[test]
    fn scaled_down_guilds_keep_two_members() {
        let chatty = Layout::new(Name::Chatty, 0.001, 0.1, 8);
        assert_eq!(chatty.guilds, vec![2; 10]);
        assert_eq!(chatty.duration, Duration::from_secs(2));
        assert_eq!(split(7, 3), vec![3, 4]);
        assert_eq!(split(8, 3), vec![3, 3, 2]);
    }
}
