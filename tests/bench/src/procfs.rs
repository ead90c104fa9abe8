//! The server processes under test, seen through `/proc`: resident memory, CPU time,
//! and which process listens on a port. Linux only.

use std::fs;
use std::process::Command;

/// One or more server processes whose figures are summed, and the processes they
/// depend on (databases), whose CPU time is told apart from the rest of the machine's.
pub struct Servers {
    pids: Vec<u32>,
    dependencies: Vec<u32>,
    ticks_per_second: u64,
}

impl Servers {
    /// The given server and dependency pids; each must exist.
    pub fn new(pids: Vec<u32>, dependencies: Vec<u32>) -> Result<Self, String> {
        for pid in pids.iter().chain(&dependencies) {
            if fs::metadata(format!("/proc/{pid}/stat")).is_err() {
                return Err(format!("no process with pid {pid}"));
            }
        }
        Ok(Self {
            pids,
            dependencies,
            ticks_per_second: clock_ticks(),
        })
    }

    /// The pids, for the log.
    pub fn pids(&self) -> &[u32] {
        &self.pids
    }

    /// Resident memory of all servers together, in KiB (`VmRSS`).
    pub fn rss_kib(&self) -> u64 {
        self.pids.iter().map(|pid| rss_kib(*pid).unwrap_or(0)).sum()
    }

    /// User plus system CPU time of all servers together, in microseconds.
    pub fn cpu_micros(&self) -> u64 {
        self.sum_cpu_micros(&self.pids)
    }

    /// CPU time of the dependencies together, in microseconds.
    pub fn dependency_cpu_micros(&self) -> u64 {
        self.sum_cpu_micros(&self.dependencies)
    }

    fn sum_cpu_micros(&self, pids: &[u32]) -> u64 {
        let ticks: u64 = pids
            .iter()
            .map(|pid| cpu_ticks(&pid.to_string()).unwrap_or(0))
            .sum();
        ticks * 1_000_000 / self.ticks_per_second
    }

    /// CPU time of this process (the load generator), in microseconds.
    pub fn own_cpu_micros(&self) -> u64 {
        cpu_ticks("self").unwrap_or(0) * 1_000_000 / self.ticks_per_second
    }

    /// CPU time every core of the machine spent busy (not idle or waiting for I/O), in
    /// microseconds, from `/proc/stat`.
    pub fn machine_busy_micros(&self) -> u64 {
        let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
        let Some(line) = stat.lines().find(|line| line.starts_with("cpu ")) else {
            return 0;
        };
        let fields: Vec<u64> = line
            .split_whitespace()
            .skip(1)
            .filter_map(|field| field.parse().ok())
            .collect();
        // user nice system idle iowait irq softirq steal: guests are within user.
        let busy: u64 = fields.iter().take(8).sum::<u64>()
            - fields.get(3).copied().unwrap_or(0)
            - fields.get(4).copied().unwrap_or(0)
            - fields.get(7).copied().unwrap_or(0);
        busy * 1_000_000 / self.ticks_per_second
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `utime + stime` of every thread of process `pid` (a number or `self`), in clock ticks.
fn cpu_ticks(pid: &str) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: count fields after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after `) `.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// `getconf CLK_TCK`, or the usual 100 when it cannot be asked.
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .filter(|ticks| *ticks > 0)
        .unwrap_or(100)
}

/// The process with a listening TCP socket on `port`, found through the socket's inode.
pub fn pid_listening_on(port: u16) -> Option<u32> {
    let inode = listening_inode(port)?;
    let target = format!("socket:[{inode}]");
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(fds) = fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        let owns = fds
            .flatten()
            .any(|fd| fs::read_link(fd.path()).is_ok_and(|link| link.as_os_str() == &*target));
        if owns {
            return Some(pid);
        }
    }
    None
}

/// The inode of a socket in state LISTEN (0A) on `port`, from `/proc/net/tcp{,6}`.
fn listening_inode(port: u16) -> Option<String> {
    let suffix = format!(":{port:04X}");
    ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .filter_map(|path| fs::read_to_string(path).ok())
        .flat_map(|table| {
            let rows: Vec<Vec<String>> = table
                .lines()
                .skip(1)
                .map(|line| line.split_whitespace().map(str::to_owned).collect())
                .collect();
            rows
        })
        .find(|row| row.len() > 9 && row[1].ends_with(&suffix) && row[3] == "0A")
        .map(|row| row[9].clone())
}

/// The soft limit on open files of this process, from `/proc/self/limits`.
pub fn open_files_limit() -> Option<u64> {
    let limits = fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}
