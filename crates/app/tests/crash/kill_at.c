/*
 * Preloaded (LD_PRELOAD) into a child of the crash test: counts the process's write, pwrite64,
 * fsync and fdatasync calls on the files under LOKET_KILL_DIR, in the order they happen across
 * all its threads, and
 *   - with LOKET_KILL_AT=n, kills the process with SIGKILL just before the n-th one;
 *   - with LOKET_FAIL_FLAG=file and LOKET_FAIL_ERRNO=e, fails every write or pwrite with errno e
 *     (28 = ENOSPC, a full disk; 30 = EROFS, a read-only disk) while the file exists;
 *   - with LOKET_KILL_COUNT=file, writes "<kind> <n>" per kind to the file at exit;
 *   - with LOKET_KILL_LOG=file, appends "<n> <kind> <path>" for every call to the file.
 * strace's `-e inject` does the same per thread; this counts across threads (SQLite's connections
 * each have one) and needs no ptrace.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum kind { WRITE, PWRITE64, FSYNC, FDATASYNC, KINDS };
static const char *const NAMES[KINDS] = {"write", "pwrite64", "fsync", "fdatasync"};

static char dir[4096];
static size_t dir_len;
static long kill_at, fail_errno;
static const char *count_file, *fail_flag, *log_file;
static atomic_long seen;
static atomic_long per_kind[KINDS];

static long env_long(const char *name) {
    const char *v = getenv(name);
    return v ? atol(v) : 0;
}

__attribute__((constructor)) static void start(void) {
    const char *d = getenv("LOKET_KILL_DIR");
    if (d && strlen(d) < sizeof dir) {
        strcpy(dir, d);
        dir_len = strlen(dir);
    }
    kill_at = env_long("LOKET_KILL_AT");
    fail_flag = getenv("LOKET_FAIL_FLAG");
    fail_errno = env_long("LOKET_FAIL_ERRNO");
    count_file = getenv("LOKET_KILL_COUNT");
    log_file = getenv("LOKET_KILL_LOG");
}

__attribute__((destructor)) static void finish(void) {
    if (!count_file) return;
    FILE *f = fopen(count_file, "w");
    if (!f) return;
    for (int k = 0; k < KINDS; k++) fprintf(f, "%s %ld\n", NAMES[k], atomic_load(&per_kind[k]));
    fclose(f);
}

/* Whether fd is a file under the watched folder; its path into path. */
enum { PATH_MAX_LEN = 4096 };
static int watched(int fd, char path[PATH_MAX_LEN]) {
    if (dir_len == 0) return 0;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, PATH_MAX_LEN - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    return strncmp(path, dir, dir_len) == 0;
}

/* One call on a watched file: 0 to go on, or the errno to fail it with. */
static int point(int fd, enum kind k, int is_write) {
    char path[PATH_MAX_LEN];
    if (!watched(fd, path)) return 0;
    long n = atomic_fetch_add(&seen, 1) + 1;
    atomic_fetch_add(&per_kind[k], 1);
    if (log_file) {
        FILE *f = fopen(log_file, "a");
        if (f) {
            fprintf(f, "%ld %s %s\n", n, NAMES[k], path + dir_len);
            fclose(f);
        }
    }
    if (n == kill_at) kill(getpid(), SIGKILL);
    if (is_write && fail_flag && access(fail_flag, F_OK) == 0) return (int)fail_errno;
    return 0;
}

#define REAL(name) static __typeof__(name) *real; if (!real) real = dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t count) {
    REAL(write);
    int e = point(fd, WRITE, 1);
    if (e) { errno = e; return -1; }
    return real(fd, buf, count);
}

/* SQLite calls pwrite or pwrite64 (the same call on 64-bit Linux), as it was built. */
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    REAL(pwrite);
    int e = point(fd, PWRITE64, 1);
    if (e) { errno = e; return -1; }
    return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
    REAL(pwrite64);
    int e = point(fd, PWRITE64, 1);
    if (e) { errno = e; return -1; }
    return real(fd, buf, count, offset);
}

int fsync(int fd) {
    REAL(fsync);
    point(fd, FSYNC, 0);
    return real(fd);
}

int fdatasync(int fd) {
    REAL(fdatasync);
    point(fd, FDATASYNC, 0);
    return real(fd);
}
