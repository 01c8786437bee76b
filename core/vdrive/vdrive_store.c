/* Persistence of a recorder directory:
 *   config.txt  identity and abilities (vdrive_config)
 *   state.txt   drive + disc state (metadata), replaced atomically, generation-stamped
 *   disc.img    sparse disc image: 2048 bytes per block, 2352 per block on CD media
 *   lock        byte 0: held exclusively while one command runs;
 *               byte 1: held shared by every open for its lifetime (presence);
 *               byte 2: held shared by an open whose writes are not yet committed
 * Data goes straight to disc.img; the metadata is committed at sync points (SYNCHRONIZE
 * CACHE, CLOSE TRACK/SESSION, close) after the image is synced, and once a second while
 * writes go on, without syncing; a
 * killed process's blocks past the committed state are taken into it by the next command
 * (vdrive_recover.c), so an append never lands on them. Uncommitted writes are also
 * committed (without fsync) before the lock is released when another open exists, so
 * every open sees one drive. An open that arrives while another holds uncommitted writes
 * waits for that owner's next command (which sees the newcomer and commits); an owner
 * that stays idle makes the newcomer's commands report "long write in progress". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive_internal.h"
#include "vdrive_text.h"

#define LOCK_COMMAND_BYTE  0
#define LOCK_PRESENCE_BYTE 1
#define LOCK_DIRTY_BYTE    2
#define OWNER_WAIT_MS 1500u
#define OPEN_WAIT_MS 200u       /* an open waits this long for an owner to let go of the lock */
#define LOCK_WAIT_MS 30000u
/* While WRITEs go on, the state is committed (unsynced) once per COMMIT_EVERY_MS: it
 * only bounds how stale a newcomer's snapshot open or `vdrive show` can be (an open seen
 * by the presence check gets a commit at once, and a killed writer's blocks are taken in
 * by vdrive_recover.c). It was every 64 MiB: 65 commits in a 4 GiB burn, each a file
 * create and rename that waited for the journal behind the image's writeback, 25 ms
 * apiece under Wine (1.6 of a 5.4 s burn, measured with timers around vd_commit). */
#define COMMIT_EVERY_MS 1000u
/* Every SYNC_BEHIND_BYTES of WRITE data, disc.img starts going to the disk in the
 * background (core_file_sync_behind), as a drive burns its buffer onto the medium while
 * the host goes on sending: a burn then ends with the disk, instead of leaving the whole
 * image to SYNCHRONIZE CACHE. Measured with a native copy of 4 GiB (pwrite + this,
 * then fsync): 3.4-4.4 s against 4.9-5.5 s without it and 4.2-4.9 s for cp + sync;
 * 32 MiB and 128 MiB steps did alike. */
#define SYNC_BEHIND_BYTES (32ull << 20)

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

uint64_t vd_now_ms(vdrive *vd)
{
    return vd->clock ? vd->clock(vd->clock_ctx) : core_time_ms();
}

void vdrive_set_clock(vdrive *vd, uint64_t (*now_ms)(void *ctx), void *ctx)
{
    vd->clock = now_ms;
    vd->clock_ctx = ctx;
    vd->buf_last_ms = vd_now_ms(vd);
}

void vdrive_set_step_hook(vdrive *vd, void (*hook)(void *ctx, const char *step), void *ctx)
{
    vd->step_hook = hook;
    vd->step_ctx = ctx;
}

void vd_step(vdrive *vd, const char *step)
{
    if (vd->step_hook) vd->step_hook(vd->step_ctx, step);
}

static void initial_state(vd_state *st, const vdrive_config *cfg)
{
    memset(st, 0, sizeof(*st));
    st->generation = 1;
    vd_default_pages(st, cfg);
}

/* A recorder made without a serial number gets one of its own, "VD" and 8 hex digits of
 * an FNV-1a hash of its directory as given, so two recorders never share one (programs
 * tell drives apart by it) and re-creating the same directory keeps it. */
static void derive_serial(char *serial, size_t size, const char *dir)
{
    uint32_t h = 2166136261u;
    const unsigned char *p;
    for (p = (const unsigned char *)dir; *p; p++) h = (h ^ *p) * 16777619u;
    snprintf(serial, size, "VD%08X", (unsigned)h);
}

int vdrive_create(const char *dir, const vdrive_config *given)
{
    char *config = NULL, *meta = NULL, *text = NULL, *lock = NULL;
    vdrive_config check, cfg = *given;
    const vdrive_config *c = &cfg;
    vd_state *st = NULL;
    core_file *f;
    int hr;

    if (!cfg.serial[0]) derive_serial(cfg.serial, sizeof(cfg.serial), dir);
    if ((hr = core_file_mkdir(dir))) return hr;
    config = join(dir, "config.txt");
    meta = join(dir, "state.txt");
    lock = join(dir, "lock");
    st = malloc(sizeof(*st));
    if (!config || !meta || !lock || !st) { hr = CORE_FILE_ENOMEM; goto done; }
    if (!(text = vd_config_format(c))) { hr = CORE_FILE_ENOMEM; goto done; }
    /* never write a configuration that vdrive_open would refuse (out-of-range numbers) */
    if ((hr = vd_config_parse(text, &check, NULL))) goto done;
    if ((hr = core_file_replace(config, text, strlen(text), 1))) goto done;
    free(text);
    text = NULL;
    if ((hr = core_file_open(lock, CORE_FILE_READ | CORE_FILE_WRITE | CORE_FILE_CREATE, &f))) goto done;
    core_file_close(f);
    if (!core_file_exists(meta))
    {
        initial_state(st, c);
        if (!(text = vd_meta_format(st))) { hr = CORE_FILE_ENOMEM; goto done; }
        hr = core_file_replace(meta, text, strlen(text), 1);
    }
done:
    free(text); free(config); free(meta); free(lock); free(st);
    return hr;
}

static uint64_t text_generation(const char *text)
{
    const char *p = strstr(text, "\ngeneration ");
    return p ? strtoull(p + 12, NULL, 10) : 0;
}

/* Load the metadata unless our copy is already the newest. */
static int refresh(vdrive *vd)
{
    char *text;
    int hr;
    vd_state *fresh;

    if ((hr = core_file_read_all(vd->meta_path, &text, NULL))) return hr;
    if (vd->st.generation && text_generation(text) == vd->st.generation) { free(text); return 0; }
    if (!(fresh = malloc(sizeof(*fresh)))) { free(text); return CORE_FILE_ENOMEM; }
    hr = vd_meta_parse(text, fresh, vd->open_err);
    free(text);
    if (!hr)
    {
        vd->st = *fresh;
        vd->data_dirty = 0;   /* another open committed after us: its state is the drive's */
        vd->streaming = 0;
    }
    free(fresh);
    return hr;
}

/* Does another open hold uncommitted writes? Asked with the command lock held. */
static int other_owner(vdrive *vd)
{
    if (vd->data_dirty) return 0;          /* we are the owner */
    if (core_file_lock(vd->lock, LOCK_DIRTY_BYTE, 1, CORE_LOCK_EXCLUSIVE, CORE_LOCK_TRY)) return 1;
    core_file_unlock(vd->lock, LOCK_DIRTY_BYTE, 1);
    return 0;
}

/* Does another open hold uncommitted writes, asked without the command lock (it is
 * busy)? Only picks what to answer a newcomer; the owner's own checks run locked. */
static int owner_elsewhere(vdrive *vd)
{
    return !vd->data_dirty && other_owner(vd);
}

/* An open that finds the command lock kept by an owner in the middle of a burn (vd_end
 * keeps it between that owner's commands) starts from the last committed state, read
 * without the lock: state.txt is replaced atomically, so any read is one whole commit,
 * and the owner's uncommitted writes are not ours to reconcile. */
static int open_from_snapshot(vdrive *vd)
{
    int hr = refresh(vd);
    if (hr) { vd->locked = 0; return hr; }
    vd->snapshot = 1;
    return 0;
}

int vd_begin(vdrive *vd)
{
    uint64_t deadline = core_time_ms() + (vd->opening ? OPEN_WAIT_MS : OWNER_WAIT_MS);
    int hr;
    if (vd->locked++) return 0;
    if (vd->held)
    {
        vd->held = 0;          /* still ours: vd_end kept it after our last command */
        return 0;
    }
    for (;;)
    {
        uint64_t now = core_time_ms();
        unsigned left = now < deadline ? (unsigned)(deadline - now) : CORE_LOCK_TRY;
        hr = core_file_lock(vd->lock, LOCK_COMMAND_BYTE, 1, CORE_LOCK_EXCLUSIVE, left);
        if (hr == CORE_FILE_EBUSY && !owner_elsewhere(vd)
            /* busy, but nobody holds uncommitted writes: an ordinary command in another
             * open; wait for it as long as any command may take (then: busy) */
            && (hr = core_file_lock(vd->lock, LOCK_COMMAND_BYTE, 1, CORE_LOCK_EXCLUSIVE, LOCK_WAIT_MS)))
        {
            vd->locked = 0;
            return hr;
        }
        if (!hr)
        {
            if (vd->opening || !other_owner(vd)) break;
            /* let the owner run its next command: it will see us and commit */
            core_file_unlock(vd->lock, LOCK_COMMAND_BYTE, 1);
        }
        else if (hr != CORE_FILE_EBUSY)
        {
            vd->locked = 0;
            return hr;
        }
        /* an owner with uncommitted writes keeps the lock or the drive: it lets both go
         * at its next command, which sees us (vd_end); one that stays idle does not */
        if (core_time_ms() >= deadline)
        {
            if (vd->opening) return open_from_snapshot(vd);
            vd->locked = 0;
            return VD_E_OWNER_BUSY;
        }
        core_sleep_ms(2);
    }
    /* While we hold uncommitted writes no other open can commit (each waits for us, see
     * other_owner), so our state is the newest: a burn's WRITEs skip re-reading state.txt,
     * which is most of a command's cost when the file system calls are Wine's. */
    if (!vd->data_dirty && (hr = refresh(vd)))
    {
        core_file_unlock(vd->lock, LOCK_COMMAND_BYTE, 1);
        vd->locked = 0;
        return hr;
    }
    /* blocks in disc.img that no live open accounts for: a killed writer's (see
     * vdrive_recover.c); our own uncommitted writes are in our state already */
    if (!vd->data_dirty && !other_owner(vd) && vd_reconcile(vd)) vd->meta_dirty = 1;
    return 0;
}

int vd_commit(vdrive *vd, int durable)
{
    char *text;
    int hr;
    if (durable && (hr = core_file_sync(vd->image))) return hr;
    vd->st.generation++;
    if (!(text = vd_meta_format(&vd->st))) return CORE_FILE_ENOMEM;
    vd_step(vd, "commit");
    hr = core_file_replace(vd->meta_path, text, strlen(text), durable);
    free(text);
    vd_step(vd, "committed");
    if (!hr) { vd->meta_dirty = 0; vd->data_dirty = 0; vd->committed_ms = core_time_ms(); }
    return hr;
}

/* Looking for other opens costs up to four lock calls (server round trips under Wine);
 * during a burn every WRITE would pay them. A newcomer waits up to OWNER_WAIT_MS for us
 * to notice it, so looking every PRESENCE_EVERY_MS is soon enough. */
#define PRESENCE_EVERY_MS 20u
static int presence_due(vdrive *vd)
{
    uint64_t now = core_time_ms();
    /* once others were seen, every command looks again: we share the drive now */
    if (!vd->presence_seen && vd->presence_ms && now - vd->presence_ms < PRESENCE_EVERY_MS) return 0;
    vd->presence_ms = now;
    return 1;
}

/* Is another open of this recorder alive? Asked with the command lock held, so no other
 * open can be asking at the same time. */
static int others_present(vdrive *vd)
{
    int r = core_file_lock_held_elsewhere(vd->lock, LOCK_PRESENCE_BYTE, 1);
    if (r >= 0) return r;
    /* No lock query on this platform (Win32): trade our shared presence lock for an
     * exclusive try; it succeeds only when nobody else holds the byte. */
    core_file_unlock(vd->lock, LOCK_PRESENCE_BYTE, 1);
    r = core_file_lock(vd->lock, LOCK_PRESENCE_BYTE, 1, CORE_LOCK_EXCLUSIVE, CORE_LOCK_TRY) != 0;
    if (!r) core_file_unlock(vd->lock, LOCK_PRESENCE_BYTE, 1);
    core_file_lock(vd->lock, LOCK_PRESENCE_BYTE, 1, CORE_LOCK_SHARED, LOCK_WAIT_MS);
    return r;
}

void vd_end(vdrive *vd)
{
    if (!vd->locked || --vd->locked) return;
    if (vd->snapshot)
    {
        vd->snapshot = 0;      /* opened without the lock (open_from_snapshot): nothing to commit or release */
        return;
    }
    if (vd->meta_dirty) vd_commit(vd, 0);
    else if (vd->data_dirty)
    {
        /* not durable: an fsync of the image here stalled a burn on the disk's writeback
         * at every commit (4 GiB took 2-3x cp's time); a drive's cache is not durable
         * before SYNCHRONIZE CACHE either, and a killed process loses nothing (the page
         * cache keeps the bytes; vdrive_recover.c takes them in) */
        if (core_time_ms() - vd->committed_ms >= COMMIT_EVERY_MS) vd_commit(vd, 0);
        else if (presence_due(vd) && (vd->presence_seen = others_present(vd))) vd_commit(vd, 0);
    }
    /* advertise uncommitted writes to other opens (see vd_begin) */
    if (vd->data_dirty && !vd->dirty_marked)
        vd->dirty_marked = !core_file_lock(vd->lock, LOCK_DIRTY_BYTE, 1, CORE_LOCK_SHARED, LOCK_WAIT_MS);
    else if (!vd->data_dirty && vd->dirty_marked)
    {
        core_file_unlock(vd->lock, LOCK_DIRTY_BYTE, 1);
        vd->dirty_marked = 0;
    }
    /* An owner alone with uncommitted writes keeps the command lock for its next
     * command: a burn sends one WRITE after another, and each lock and unlock is a
     * wineserver round trip under Wine (two per MiB; a 4 GiB burn without them took
     * 5.4 s against 6.9 s on average over three alternating pairs). Another open is seen within PRESENCE_EVERY_MS of
     * the owner's commands (above), which then commits and lets go; vd_begin of the
     * newcomer waits for that, or answers as for an idle owner. */
    if (vd->data_dirty && !vd->presence_seen && vd->dirty_marked)
    {
        vd->held = 1;
        return;
    }
    core_file_unlock(vd->lock, LOCK_COMMAND_BYTE, 1);
}

int vdrive_open(const char *dir, vdrive **out)
{
    return vdrive_open_why(dir, out, NULL, 0);
}

static void explain(char *why, size_t size, const char *path, const vd_parse_error *err, int hr)
{
    if (!why || !size) return;
    if (hr == VDRIVE_E_FORMAT && err->line)
        snprintf(why, size, "%s: line %u: %s", path, err->line, err->what);
    else if (hr == CORE_FILE_ENOENT)
        snprintf(why, size, "%s: no such file (not a recorder directory?)", path);
    else
        snprintf(why, size, "%s: cannot be opened (error %d)", path, hr);
}

int vdrive_open_why(const char *dir, vdrive **out, char *why, size_t why_size)
{
    vdrive *vd = calloc(1, sizeof(*vd));
    vd_parse_error err;
    const char *culprit;
    char *text = NULL;
    int hr;

    memset(&err, 0, sizeof(err));
    if (!vd) { explain(why, why_size, dir, &err, CORE_FILE_ENOMEM); return CORE_FILE_ENOMEM; }
    vd->dir = join(dir, "");
    vd->meta_path = join(dir, "state.txt");
    vd->config_path = join(dir, "config.txt");
    vd->image_path = join(dir, "disc.img");
    vd->lock_path = join(dir, "lock");
    if (!vd->dir || !vd->meta_path || !vd->config_path || !vd->image_path || !vd->lock_path)
    { hr = CORE_FILE_ENOMEM; culprit = dir; goto fail; }
    culprit = vd->config_path;
    if ((hr = core_file_read_all(vd->config_path, &text, NULL))) goto fail;
    hr = vd_config_parse(text, &vd->cfg, &err);
    free(text);
    if (hr) goto fail;
    culprit = vd->lock_path;
    if ((hr = core_file_open(vd->lock_path, CORE_FILE_READ | CORE_FILE_WRITE | CORE_FILE_CREATE, &vd->lock)))
        goto fail;
    if ((hr = core_file_lock(vd->lock, LOCK_PRESENCE_BYTE, 1, CORE_LOCK_SHARED, LOCK_WAIT_MS))) goto fail;
    culprit = vd->image_path;
    if ((hr = core_file_open(vd->image_path, CORE_FILE_READ | CORE_FILE_WRITE | CORE_FILE_CREATE, &vd->image)))
        goto fail;
    culprit = vd->meta_path;
    vd->opening = 1;                  /* the last committed state is fine to start from */
    vd->open_err = &err;
    hr = vd_begin(vd);
    vd->opening = 0;
    vd->open_err = NULL;
    if (hr) goto fail;
    vd_end(vd);
    vd->buf_last_ms = vd_now_ms(vd);
    vd->committed_ms = core_time_ms();
    *out = vd;
    return 0;
fail:
    explain(why, why_size, culprit, &err, hr);
    vdrive_close(vd);
    return hr;
}

void vdrive_close(vdrive *vd)
{
    if (!vd) return;
    if (vd->lock && vd->image && vd->data_dirty && !vd_begin(vd))
    {
        vd_commit(vd, 1);   /* an orderly close keeps what was written */
        vd_end(vd);
    }
    if (vd->held) core_file_unlock(vd->lock, LOCK_COMMAND_BYTE, 1);
    core_file_close(vd->image);
    core_file_close(vd->lock);
    free(vd->dir); free(vd->meta_path); free(vd->config_path); free(vd->image_path); free(vd->lock_path);
    free(vd);
}

/* A recorded sector the image file does not reach (disc.img missing, truncated, or
 * shorter than the state says) is lost: VDRIVE_E_LOST, which reads answer as 03/11/00.
 * Only formatted overwritable media read unwritten blocks as zeros (FORMAT UNIT made
 * them readable); a hole inside the file was recorded as zeros and reads as such. */
static int short_read(vdrive *vd, uint8_t *p, size_t want, size_t got)
{
    const vd_media_info *m = vd_media(vd);
    if (got == want) return 0;
    if (!m || m->kind != VD_OVERWRITE) return VDRIVE_E_LOST;
    memset(p + got, 0, want - got);
    return 0;
}

int vd_image_read(vdrive *vd, int64_t lba, uint32_t count, uint32_t bytes_per, uint32_t skip, uint8_t *out)
{
    uint32_t stride = vd_sector_stride(vd), i;
    size_t done;
    int hr;

    if (bytes_per == stride && !skip)
    {
        size_t len = (size_t)count * bytes_per;
        if ((hr = core_file_pread(vd->image, out, len, vd_image_offset(vd, lba), &done))) return hr;
        return short_read(vd, out, len, done);
    }
    for (i = 0; i < count; i++)
    {
        uint8_t *p = out + (size_t)i * bytes_per;
        if ((hr = core_file_pread(vd->image, p, bytes_per, vd_image_offset(vd, lba + i) + skip, &done))) return hr;
        if ((hr = short_read(vd, p, bytes_per, done))) return hr;
    }
    return 0;
}

int vd_image_write(vdrive *vd, int64_t lba, uint32_t count, uint32_t bytes_per, const uint8_t *in)
{
    uint32_t stride = vd_sector_stride(vd), i;
    int hr = 0;
    if (bytes_per == stride)
        hr = core_file_pwrite(vd->image, in, (size_t)count * bytes_per, vd_image_offset(vd, lba));
    else
        for (i = 0; i < count && !hr; i++)
            hr = core_file_pwrite(vd->image, in + (size_t)i * bytes_per, bytes_per, vd_image_offset(vd, lba + i));
    if (hr) return hr;
    if ((vd->bytes_since_sync_behind += (uint64_t)count * bytes_per) >= SYNC_BEHIND_BYTES)
    {
        core_file_sync_behind(vd->image);
        vd->bytes_since_sync_behind = 0;
    }
    return 0;
}

/* --- the mmc_transport over a recorder directory --- */

typedef struct vd_transport
{
    mmc_transport base;
    vdrive *vd;
} vd_transport;

static int transport_execute(mmc_transport *t, mmc_command *cmd)
{
    return vdrive_execute(((vd_transport *)t)->vd, cmd);
}

static void transport_release(mmc_transport *t)
{
    vd_transport *vt = (vd_transport *)t;
    vdrive_close(vt->vd);
    free(vt);
}

int vdrive_transport_open(const char *dir, mmc_transport **out)
{
    vd_transport *t = calloc(1, sizeof(*t));
    int hr;
    if (!t) return CORE_FILE_ENOMEM;
    if ((hr = vdrive_open(dir, &t->vd))) { free(t); return hr; }
    t->base.execute = transport_execute;
    t->base.release = transport_release;
    t->base.ctx = t->vd;
    *out = &t->base;
    return 0;
}

unsigned vdrive_list_configured(char ***dirs)
{
    const char *env = getenv("IMAPI_VDRIVE_DIRS"), *p;
    unsigned count = 0, i = 0;
    char **list;

    *dirs = NULL;
    if (!env || !*env) return 0;
    for (p = env; *p; p++) if (*p == ';') count++;
    count++;
    if (!(list = calloc(count, sizeof(*list)))) return 0;
    for (p = env; *p; )
    {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n && (list[i] = malloc(n + 1))) { memcpy(list[i], p, n); list[i][n] = 0; i++; }
        p += n;
        if (*p == ';') p++;
    }
    *dirs = list;
    return i;
}

void vdrive_list_free(char **dirs, unsigned count)
{
    unsigned i;
    for (i = 0; i < count; i++) free(dirs[i]);
    free(dirs);
}
