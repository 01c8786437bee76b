/* LD_PRELOAD library that makes an emulated recorder directory look like a Linux SCSI
 * CD/DVD device node, so that Wine (which turns IOCTL_SCSI_PASS_THROUGH(_DIRECT) into
 * ioctl(fd, SG_IO, struct sg_io_hdr *)) drives our core/vdrive model unmodified.
 *
 *   IMAPI_VDRIVE_DEVICE=/fake/node=/path/to/recorder[;/other/node=/other/recorder]
 *
 * open/openat of a fake node returns a real descriptor (of /dev/null) registered here;
 * stat-family calls report a block device; ioctl answers SG_IO and the CDROM ioctls Wine
 * issues; read/pread/lseek read user-data blocks (what ReadFile on a CD volume does);
 * close releases the recorder. Everything else passes through. Linux only. */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <linux/cdrom.h>
#include "vdrive/vdrive.h"
#include "sgio_preload.h"

#define MAX_NODES 32
#define MAX_OPEN 64
#define SCSI_IOCTL_GET_IDLUN_NR 0x5382
#define SCSI_IOCTL_GET_BUS_NUMBER_NR 0x5386
#define DRIVER_SENSE 0x08
#define DID_TIME_OUT 0x03
#define DID_NO_CONNECT 0x01
#define DID_BUS_BUSY 0x02

/* marker_*: identity of the file an open of the node really opens (an empty marker file), so
 * that a descriptor which reaches this process from another one (Wine's wineserver opens
 * files and passes the descriptors to its clients over a socket) is still recognised */
struct node { char *path, *dir; int marker_known; dev_t marker_dev; ino_t marker_ino; };
struct open_dev { int fd; vdrive *vd; unsigned node; uint64_t pos; };

/* table: guards the tables only (held briefly, never while the model runs, because the
 * model itself opens and closes files through our wrappers); exec: one command at a time */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t exec = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct node nodes[MAX_NODES];
static unsigned nnodes;
static struct open_dev opened[MAX_OPEN];

static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_close)(int);
static int (*real_ioctl)(int, unsigned long, ...);
static int (*real_fstat)(int, struct stat *);

static void init(void)
{
    const char *env = getenv("IMAPI_VDRIVE_DEVICE");
    char *copy, *entry, *save = NULL;
    real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    real_openat = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
    real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
    real_fstat = (int (*)(int, struct stat *))dlsym(RTLD_NEXT, "fstat");
    if (!env || !(copy = strdup(env))) return;
    for (entry = strtok_r(copy, ";", &save); entry && nnodes < MAX_NODES; entry = strtok_r(NULL, ";", &save))
    {
        char *eq = strchr(entry, '=');
        if (!eq) continue;
        *eq = 0;
        nodes[nnodes].path = strdup(entry);
        nodes[nnodes].dir = strdup(eq + 1);
        nnodes++;
    }
    free(copy);
}

int sgio_node_of_path(const char *path)
{
    unsigned i;
    pthread_once(&once, init);
    if (!path) return -1;
    for (i = 0; i < nnodes; i++) if (!strcmp(nodes[i].path, path)) return (int)i;
    return -1;
}

static struct open_dev *dev_of_fd(int fd)
{
    unsigned i;
    for (i = 0; i < MAX_OPEN; i++) if (opened[i].vd && opened[i].fd == fd) return &opened[i];
    return NULL;
}

/* The descriptor behind a fake node: an empty marker file "sgio-node" in the recorder
 * directory, created on first use. The model itself never opens it, so a descriptor of it
 * always means "the node". Learns the marker's identity on the way. */
static int open_marker(int node, int cloexec)
{
    char path[4096];
    struct stat st;
    int fd;
    snprintf(path, sizeof(path), "%s/sgio-node", nodes[node].dir);
    fd = real_open(path, O_RDWR | O_CREAT | cloexec, 0644);
    if (fd >= 0 && real_fstat && !real_fstat(fd, &st))
    {
        nodes[node].marker_dev = st.st_dev;
        nodes[node].marker_ino = st.st_ino;
        nodes[node].marker_known = 1;
    }
    return fd;
}

/* A descriptor we did not open ourselves (received from the wineserver, or inherited):
 * if it is a node's marker file, give it a recorder handle of this process. */
static struct open_dev *adopt_fd(int fd)
{
    struct stat st;
    unsigned n, i;
    vdrive *vd;
    if (!nnodes || !real_fstat || real_fstat(fd, &st) || !S_ISREG(st.st_mode)) return NULL;
    for (n = 0; n < nnodes; n++)
    {
        if (!nodes[n].marker_known)
        {
            int m = open_marker((int)n, O_CLOEXEC);
            if (m >= 0) real_close(m);
        }
        if (nodes[n].marker_known && nodes[n].marker_dev == st.st_dev && nodes[n].marker_ino == st.st_ino) break;
    }
    if (n == nnodes || vdrive_open(nodes[n].dir, &vd)) return NULL;
    pthread_mutex_lock(&lock);
    for (i = 0; i < MAX_OPEN && opened[i].vd; i++) {}
    if (i == MAX_OPEN) { pthread_mutex_unlock(&lock); vdrive_close(vd); return NULL; }
    opened[i].fd = fd;
    opened[i].vd = vd;
    opened[i].node = n;
    opened[i].pos = 0;
    pthread_mutex_unlock(&lock);
    return &opened[i];
}

static int open_node(int node, int flags)
{
    vdrive *vd;
    int fd, hr;
    unsigned i;
    if ((hr = vdrive_open(nodes[node].dir, &vd))) { errno = hr == -2 ? ENOENT : EIO; return -1; }
    fd = open_marker(node, flags & O_CLOEXEC);
    if (fd < 0) { vdrive_close(vd); return -1; }
    pthread_mutex_lock(&lock);
    for (i = 0; i < MAX_OPEN && opened[i].vd; i++) {}
    if (i == MAX_OPEN) { pthread_mutex_unlock(&lock); real_close(fd); vdrive_close(vd); errno = EMFILE; return -1; }
    opened[i].fd = fd;
    opened[i].vd = vd;
    opened[i].node = (unsigned)node;
    opened[i].pos = 0;
    pthread_mutex_unlock(&lock);
    return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;
    int node = sgio_node_of_path(path);
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    if (node >= 0) return open_node(node, flags);
    return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;
    int node = sgio_node_of_path(path);
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    if (node >= 0) return open_node(node, flags);
    return real_open(path, flags | O_LARGEFILE, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;
    int node = sgio_node_of_path(path);   /* fake nodes are absolute paths */
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    if (node >= 0) return open_node(node, flags);
    return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;
    int node = sgio_node_of_path(path);
    va_start(ap, flags);
    mode = mode_arg(flags, ap);
    va_end(ap);
    if (node >= 0) return open_node(node, flags);
    return real_openat(dirfd, path, flags | O_LARGEFILE, mode);
}

int __open_2(const char *path, int flags) { return open(path, flags); }
int __open64_2(const char *path, int flags) { return open64(path, flags); }

int close(int fd)
{
    struct open_dev *d;
    vdrive *vd = NULL;
    pthread_once(&once, init);
    pthread_mutex_lock(&lock);
    if ((d = dev_of_fd(fd))) { vd = d->vd; d->vd = NULL; }
    pthread_mutex_unlock(&lock);
    if (vd)
    {
        pthread_mutex_lock(&exec);   /* not while another thread runs a command on it */
        vdrive_close(vd);
        pthread_mutex_unlock(&exec);
    }
    return real_close(fd);
}

/* --- stat family: a fake node is a block device (sr-like major 11) --- */

static void fake_stat(struct stat *st, unsigned node)
{
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFBLK | 0660;
    st->st_rdev = makedev(11, node);
    st->st_dev = makedev(0, 5);
    st->st_ino = 0x7d000 + node;
    st->st_nlink = 1;
    st->st_blksize = 2048;
}

#define STAT_WRAPPER(name, type, realtype)                                       \
    int name(const char *path, type *st)                                         \
    {                                                                            \
        static int (*real)(const char *, type *);                                \
        int node = sgio_node_of_path(path);                                           \
        if (node >= 0) { fake_stat((struct stat *)st, (unsigned)node); return 0; } \
        if (!real) real = (int (*)(const char *, type *))dlsym(RTLD_NEXT, #name); \
        return real(path, st);                                                   \
    }
STAT_WRAPPER(stat, struct stat, stat)
STAT_WRAPPER(lstat, struct stat, lstat)
STAT_WRAPPER(stat64, struct stat64, stat64)
STAT_WRAPPER(lstat64, struct stat64, lstat64)

int sgio_node_of_fd(int fd)
{
    struct open_dev *d;
    int node = -1;
    pthread_once(&once, init);
    pthread_mutex_lock(&lock);
    if ((d = dev_of_fd(fd))) node = (int)d->node;
    pthread_mutex_unlock(&lock);
    if (node < 0 && (d = adopt_fd(fd))) node = (int)d->node;
    return node;
}

#define FSTAT_WRAPPER(name, type)                                                \
    int name(int fd, type *st)                                                   \
    {                                                                            \
        static int (*real)(int, type *);                                         \
        int node = sgio_node_of_fd(fd);                                          \
        if (node >= 0) { fake_stat((struct stat *)st, (unsigned)node); return 0; } \
        if (!real) real = (int (*)(int, type *))dlsym(RTLD_NEXT, #name);         \
        return real(fd, st);                                                     \
    }
FSTAT_WRAPPER(fstat, struct stat)
FSTAT_WRAPPER(fstat64, struct stat64)

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    static int (*real)(int, const char *, struct stat *, int);
    int node = sgio_node_of_path(path);
    if (node >= 0) { fake_stat(st, (unsigned)node); return 0; }
    if (!real) real = (int (*)(int, const char *, struct stat *, int))dlsym(RTLD_NEXT, "fstatat");
    return real(dirfd, path, st, flags);
}

int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
    static int (*real)(int, const char *, struct stat64 *, int);
    int node = sgio_node_of_path(path);
    if (node >= 0) { fake_stat((struct stat *)st, (unsigned)node); return 0; }
    if (!real) real = (int (*)(int, const char *, struct stat64 *, int))dlsym(RTLD_NEXT, "fstatat64");
    return real(dirfd, path, st, flags);
}

/* glibc before 2.33 routes stat() through these */
int __xstat(int ver, const char *path, struct stat *st)
{
    static int (*real)(int, const char *, struct stat *);
    int node = sgio_node_of_path(path);
    if (node >= 0) { fake_stat(st, (unsigned)node); return 0; }
    if (!real) real = (int (*)(int, const char *, struct stat *))dlsym(RTLD_NEXT, "__xstat");
    return real(ver, path, st);
}

int __lxstat(int ver, const char *path, struct stat *st)
{
    static int (*real)(int, const char *, struct stat *);
    int node = sgio_node_of_path(path);
    if (node >= 0) { fake_stat(st, (unsigned)node); return 0; }
    if (!real) real = (int (*)(int, const char *, struct stat *))dlsym(RTLD_NEXT, "__lxstat");
    return real(ver, path, st);
}

/* --- read/pread/lseek: the block device reads user data blocks (READ(12)) --- */

static ssize_t read_blocks(vdrive *vd, void *buf, size_t len, uint64_t offset)
{
    uint8_t cdb[12] = { 0xA8 };
    uint32_t lba = (uint32_t)(offset / 2048), count = (uint32_t)(len / 2048);
    mmc_command cmd;
    if (offset % 2048 || len % 2048) { errno = EINVAL; return -1; }   /* like O_DIRECT on sr */
    if (!count) return 0;
    cdb[2] = (uint8_t)(lba >> 24); cdb[3] = (uint8_t)(lba >> 16); cdb[4] = (uint8_t)(lba >> 8); cdb[5] = (uint8_t)lba;
    cdb[6] = (uint8_t)(count >> 24); cdb[7] = (uint8_t)(count >> 16); cdb[8] = (uint8_t)(count >> 8); cdb[9] = (uint8_t)count;
    memset(&cmd, 0, sizeof(cmd));
    memcpy(cmd.cdb, cdb, sizeof(cdb));
    cmd.cdb_len = 12;
    cmd.dir = MMC_DIR_IN;
    cmd.buf = buf;
    cmd.len = len;
    if (vdrive_execute(vd, &cmd) != MMC_STATUS_GOOD)
    {
        if ((cmd.sense[2] & 0x0F) == 0x05 && cmd.sense[12] == 0x21) return 0;   /* past the end */
        errno = EIO;
        return -1;
    }
    return (ssize_t)cmd.transferred;
}

/* Runs a block read for a registered descriptor; 1 when fd was ours. */
static int is_ours(int fd)
{
    int ours;
    pthread_once(&once, init);
    pthread_mutex_lock(&lock);
    ours = dev_of_fd(fd) != NULL;
    pthread_mutex_unlock(&lock);
    return ours;
}

/* The exec lock is taken only for our own descriptors: the model's own file I/O comes
 * back through these wrappers and must pass straight through. Returns the registered
 * device, looked up again under the exec lock, or NULL (exec not held). */
static struct open_dev *enter_device(int fd)
{
    struct open_dev *d;
    if (!is_ours(fd)) return NULL;
    pthread_mutex_lock(&exec);
    pthread_mutex_lock(&lock);
    d = dev_of_fd(fd);
    pthread_mutex_unlock(&lock);
    if (!d) pthread_mutex_unlock(&exec);
    return d;
}

static int dev_read(int fd, void *buf, size_t len, const uint64_t *at, ssize_t *ret)
{
    struct open_dev *d = enter_device(fd);
    if (!d) return 0;
    *ret = read_blocks(d->vd, buf, len, at ? *at : d->pos);
    if (!at && *ret > 0) d->pos += (uint64_t)*ret;
    pthread_mutex_unlock(&exec);
    return 1;
}

ssize_t read(int fd, void *buf, size_t len)
{
    static ssize_t (*real)(int, void *, size_t);
    ssize_t ret;
    if (dev_read(fd, buf, len, NULL, &ret)) return ret;
    if (!real) real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    return real(fd, buf, len);
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
    static ssize_t (*real)(int, void *, size_t, off_t);
    uint64_t at = (uint64_t)off;
    ssize_t ret;
    if (off >= 0 && dev_read(fd, buf, len, &at, &ret)) return ret;
    if (!real) real = (ssize_t (*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread");
    return real(fd, buf, len, off);
}

ssize_t pread64(int fd, void *buf, size_t len, off64_t off)
{
    static ssize_t (*real)(int, void *, size_t, off64_t);
    uint64_t at = (uint64_t)off;
    ssize_t ret;
    if (off >= 0 && dev_read(fd, buf, len, &at, &ret)) return ret;
    if (!real) real = (ssize_t (*)(int, void *, size_t, off64_t))dlsym(RTLD_NEXT, "pread64");
    return real(fd, buf, len, off);
}

static int dev_seek(int fd, int64_t off, int whence, int64_t *ret)
{
    struct open_dev *d;
    pthread_once(&once, init);
    pthread_mutex_lock(&lock);
    d = dev_of_fd(fd);
    if (d)
    {
        int64_t base = whence == SEEK_CUR ? (int64_t)d->pos : 0;
        if (whence == SEEK_END || base + off < 0) { errno = EINVAL; *ret = -1; }
        else { d->pos = (uint64_t)(base + off); *ret = base + off; }
    }
    pthread_mutex_unlock(&lock);
    return d != NULL;
}

off_t lseek(int fd, off_t off, int whence)
{
    static off_t (*real)(int, off_t, int);
    int64_t ret;
    if (dev_seek(fd, off, whence, &ret)) return (off_t)ret;
    if (!real) real = (off_t (*)(int, off_t, int))dlsym(RTLD_NEXT, "lseek");
    return real(fd, off, whence);
}

off64_t lseek64(int fd, off64_t off, int whence)
{
    static off64_t (*real)(int, off64_t, int);
    int64_t ret;
    if (dev_seek(fd, off, whence, &ret)) return (off64_t)ret;
    if (!real) real = (off64_t (*)(int, off64_t, int))dlsym(RTLD_NEXT, "lseek64");
    return real(fd, off, whence);
}

/* --- ioctl --- */

static int run_cdb(vdrive *vd, const uint8_t *cdb, unsigned cdb_len, int dir, void *buf, size_t len, uint8_t *sense)
{
    mmc_command cmd;
    int status;
    memset(&cmd, 0, sizeof(cmd));
    memcpy(cmd.cdb, cdb, cdb_len > 16 ? 16 : cdb_len);
    cmd.cdb_len = (uint8_t)cdb_len;
    cmd.dir = (enum mmc_dir)dir;
    cmd.buf = buf;
    cmd.len = len;
    status = vdrive_execute(vd, &cmd);
    if (sense) memcpy(sense, cmd.sense, MMC_SENSE_LEN);
    return status;
}

static int do_sg_io(vdrive *vd, sg_io_hdr_t *h)
{
    uint8_t cdb[16], sense[MMC_SENSE_LEN];
    mmc_command cmd;
    int status, dir;

    if (h->interface_id != 'S' || h->iovec_count || !h->cmdp || h->cmd_len < 6 || h->cmd_len > 16)
    { errno = EINVAL; return -1; }
    memcpy(cdb, h->cmdp, h->cmd_len);
    switch (h->dxfer_direction)
    {
    case SG_DXFER_NONE: dir = MMC_DIR_NONE; break;
    case SG_DXFER_TO_DEV: dir = MMC_DIR_OUT; break;
    case SG_DXFER_FROM_DEV: case SG_DXFER_TO_FROM_DEV: dir = MMC_DIR_IN; break;
    default: errno = EINVAL; return -1;
    }
    memset(&cmd, 0, sizeof(cmd));
    memcpy(cmd.cdb, cdb, h->cmd_len);
    cmd.cdb_len = h->cmd_len;
    cmd.dir = (enum mmc_dir)dir;
    cmd.buf = h->dxfer_len ? h->dxferp : NULL;
    cmd.len = h->dxfer_len;
    cmd.timeout_s = h->timeout / 1000u;
    status = vdrive_execute(vd, &cmd);
    memcpy(sense, cmd.sense, sizeof(sense));
    h->status = h->masked_status = 0;
    h->host_status = h->driver_status = 0;
    h->sb_len_wr = 0;
    h->msg_status = 0;
    h->duration = 0;
    h->resid = (int)(h->dxfer_len - cmd.transferred);
    h->info = 0;
    switch (status)
    {
    case MMC_STATUS_GOOD: break;
    case MMC_STATUS_CHECK_CONDITION:
        h->status = 0x02;                        /* SCSI CHECK CONDITION */
        h->masked_status = 0x01;
        h->driver_status = DRIVER_SENSE;
        if (h->sbp && h->mx_sb_len)
        {
            h->sb_len_wr = h->mx_sb_len < sizeof(sense) ? h->mx_sb_len : (unsigned char)sizeof(sense);
            memcpy(h->sbp, sense, h->sb_len_wr);
        }
        break;
    case MMC_STATUS_TIMEOUT: h->host_status = DID_TIME_OUT; break;
    case MMC_STATUS_BUSY: h->status = 0x08; h->masked_status = 0x04; break;
    default: h->host_status = DID_NO_CONNECT; break;
    }
    if (h->status || h->host_status || h->driver_status) h->info |= SG_INFO_CHECK;
    return 0;
}

static int drive_status(vdrive *vd)
{
    uint8_t tur[6] = { 0 }, sense[MMC_SENSE_LEN];
    if (run_cdb(vd, tur, 6, MMC_DIR_NONE, NULL, 0, sense) == MMC_STATUS_GOOD) return CDS_DISC_OK;
    if ((sense[2] & 0x0F) == 0x02 && sense[12] == 0x3A) return sense[13] == 0x02 ? CDS_TRAY_OPEN : CDS_NO_DISC;
    return CDS_DRIVE_NOT_READY;
}

static int toc_ioctl(vdrive *vd, unsigned long req, void *arg)
{
    uint8_t cdb[10] = { 0x43 }, toc[4 + 8 * 101];
    memset(toc, 0, sizeof(toc));
    cdb[7] = sizeof(toc) >> 8; cdb[8] = sizeof(toc) & 0xFF;
    if (req == CDROMREADTOCENTRY)
    {
        struct cdrom_tocentry *e = arg;
        int msf = e->cdte_format == CDROM_MSF;
        cdb[1] = msf ? 0x02 : 0;
        cdb[6] = e->cdte_track == CDROM_LEADOUT ? 0xAA : e->cdte_track;
        if (run_cdb(vd, cdb, 10, MMC_DIR_IN, toc, sizeof(toc), NULL)) { errno = EIO; return -1; }
        e->cdte_adr = toc[5] >> 4;
        e->cdte_ctrl = toc[5] & 0x0F;
        if (msf) { e->cdte_addr.msf.minute = toc[9]; e->cdte_addr.msf.second = toc[10]; e->cdte_addr.msf.frame = toc[11]; }
        else e->cdte_addr.lba = (int)((uint32_t)toc[8] << 24 | (uint32_t)toc[9] << 16 | (uint32_t)toc[10] << 8 | toc[11]);
        e->cdte_datamode = 0;
        return 0;
    }
    else
    {
        struct cdrom_tochdr *h = arg;
        if (run_cdb(vd, cdb, 10, MMC_DIR_IN, toc, sizeof(toc), NULL)) { errno = EIO; return -1; }
        h->cdth_trk0 = toc[2];
        h->cdth_trk1 = toc[3];
        return 0;
    }
}

static int dev_ioctl(vdrive *vd, unsigned node, unsigned long req, void *arg)
{
    uint8_t cdb[10] = { 0 };
    switch (req)
    {
    case SG_IO: return do_sg_io(vd, arg);
    case SG_GET_VERSION_NUM: *(int *)arg = 30527; return 0;
    case CDROM_DRIVE_STATUS: return drive_status(vd);
    case CDROM_MEDIA_CHANGED: return 0;
    case CDROM_GET_CAPABILITY:
        return CDC_CLOSE_TRAY | CDC_OPEN_TRAY | CDC_LOCK | CDC_SELECT_SPEED | CDC_MEDIA_CHANGED |
               CDC_GENERIC_PACKET | CDC_CD_R | CDC_CD_RW | CDC_DVD | CDC_DVD_R | CDC_DVD_RAM | CDC_DRIVE_STATUS;
    case CDROMEJECT: case CDROMCLOSETRAY:
        cdb[0] = 0x1B;
        cdb[4] = req == CDROMEJECT ? 0x02 : 0x03;
        return run_cdb(vd, cdb, 6, MMC_DIR_NONE, NULL, 0, NULL) ? (errno = EBUSY, -1) : 0;
    case CDROM_LOCKDOOR:
        cdb[0] = 0x1E;
        cdb[4] = (uint8_t)((uintptr_t)arg ? 1 : 0);
        return run_cdb(vd, cdb, 6, MMC_DIR_NONE, NULL, 0, NULL) ? (errno = EIO, -1) : 0;
    case CDROMREADTOCHDR: case CDROMREADTOCENTRY: return toc_ioctl(vd, req, arg);
    case SCSI_IOCTL_GET_IDLUN_NR:
        ((int *)arg)[0] = (int)(node & 0xFF) << 16;   /* target in bits 16-23 */
        ((int *)arg)[1] = 0;
        return 0;
    case SCSI_IOCTL_GET_BUS_NUMBER_NR: *(int *)arg = 0; return 0;
    default: errno = ENOTTY; return -1;
    }
}

int sgio_ioctl(int fd, unsigned long req, void *arg, const char *real_name)
{
    struct open_dev *d;
    int ret;

    if (!(d = enter_device(fd)))
    {
        /* A descriptor received from the wineserver: adopt it if it is a node's. */
        pthread_once(&once, init);
        if ((req == SG_IO || (req >> 8) == 0x53 || (req >> 8) == 0x22) && adopt_fd(fd)) d = enter_device(fd);
        if (!d)
        {
            int (*real)(int, unsigned long, ...) = real_ioctl;
            if (strcmp(real_name, "ioctl")) real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, real_name);
            return real(fd, req, arg);
        }
    }
    ret = dev_ioctl(d->vd, d->node, req, arg);   /* one command at a time per process */
    pthread_mutex_unlock(&exec);
    return ret;
}

int ioctl(int fd, unsigned long req, ...)
{
    va_list ap;
    void *arg;
    va_start(ap, req);
    arg = va_arg(ap, void *);
    va_end(ap);
    return sgio_ioctl(fd, req, arg, "ioctl");
}
