/* The drive state as a small versioned text file (metadata). Written whole and
 * replaced atomically; unknown keys are skipped so later minor additions stay readable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive_internal.h"
#include "vdrive_text.h"

#define META_MAGIC "imapi-vdrive-state"

static void put_page(vd_text *t, const char *key, const uint8_t *p, size_t n)
{
    vd_text_printf(t, "%s ", key);
    vd_text_hex(t, p, n);
    vd_text_printf(t, "\n");
}

char *vd_meta_format(const vd_state *st)
{
    vd_text t = { 0 };
    char fault[160];
    unsigned i;

    vd_text_printf(&t, "%s %d\n", META_MAGIC, VD_STATE_VERSION);
    vd_text_printf(&t, "generation %llu\n", (unsigned long long)st->generation);
    vd_text_printf(&t, "tray %s\n", st->tray_open ? "open" : "closed");
    vd_text_printf(&t, "media %s\n", st->media_present ? vdrive_media_name(st->profile) : "none");
    vd_text_printf(&t, "becoming_ready %u\nwrite_protected %d\nprevent %d\nformatted %d\n",
                   (unsigned)st->becoming_ready, st->write_protected, st->prevent, st->formatted);
    vd_text_printf(&t, "capacity %lu\nfinalized %d\nsessions_closed %u\n", (unsigned long)st->capacity,
                   st->finalized, st->sessions_closed);
    vd_text_printf(&t, "write_speed %u\nread_speed %u\nmedia_event %u\nua_pending %d\n", st->write_speed,
                   st->read_speed, st->media_event, st->ua_pending);
    put_page(&t, "page01", st->page01, sizeof(st->page01));
    put_page(&t, "page05", st->page05, sizeof(st->page05));
    put_page(&t, "page08", st->page08, sizeof(st->page08));
    put_page(&t, "page1a", st->page1a, sizeof(st->page1a));
    put_page(&t, "page1d", st->page1d, sizeof(st->page1d));
    for (i = 0; i < st->ntracks; i++)
    {
        const vd_track *tr = &st->tracks[i];
        vd_text_printf(&t, "track start=%ld size=%lu written=%lu session=%u audio=%u raw=%u closed=%u bytes=%u",
                       (long)tr->start, (unsigned long)tr->size, (unsigned long)tr->written,
                       tr->session, tr->audio, tr->raw, tr->closed, tr->host_bytes);
        /* CD extras only where set, so other discs' files stay as they were */
        if (tr->control) vd_text_printf(&t, " control=%u", tr->control);
        if (tr->pregap) vd_text_printf(&t, " pregap=%lu", (unsigned long)tr->pregap);
        vd_text_printf(&t, "\n");
    }
    vd_cd_format_state(st, &t);
    if (st->sao_active)
        vd_text_printf(&t, "sao next=%ld end=%ld mode=%d\n", (long)st->sao_next, (long)st->sao_end,
                       st->sao_active);
    if (st->busy_kind)
        vd_text_printf(&t, "busy kind=%d start=%llu total=%llu\n", st->busy_kind,
                       (unsigned long long)st->busy_start_ms, (unsigned long long)st->busy_total_ms);
    for (i = 0; i < st->nfaults; i++)
    {
        vdrive_fault_format(&st->faults[i], fault, sizeof(fault));
        vd_text_printf(&t, "fault %s\n", fault);
    }
    vd_text_printf(&t, "end\n");
    return vd_text_finish(&t);
}

/* Bounds of the numbers a state file may hold. The model never goes near them; they keep
 * a damaged or hand-edited file from turning into absurd drive states. */
#define MAX_BECOMING_READY 100000u
#define MAX_SPEED_KBS      1000000u
#define CD_LEADIN_MAX      45150      /* 90:00:00, the earliest address an MSF can give */
#define CD_LEADOUT_RUN     6750       /* a raw stream's lead-out may run past the last start */

static int get_page(const char *rest, uint8_t *page, size_t n)
{
    return strlen(rest) == 2 * n && !vd_text_unhex(rest, page, n) ? 0 : VDRIVE_E_FORMAT;
}

/* "key=value" tokens of a track or sao line; unknown keys are skipped (later additions). */
static int get_fields(char *rest, const char *const *keys, const int64_t *min, const int64_t *max,
                      int64_t *values, unsigned nkeys)
{
    char *tok;
    while ((tok = vd_text_token(&rest)))
    {
        char *eq = strchr(tok, '=');
        unsigned k;
        if (!eq) return -1;
        *eq = 0;
        for (k = 0; k < nkeys; k++)
            if (!strcmp(tok, keys[k]) && vd_text_int(eq + 1, min[k], max[k], &values[k])) return -1;
    }
    return 0;
}

static int parse_track(char *rest, vd_track *t)
{
    static const char *const keys[] = { "start", "size", "written", "session", "audio", "raw", "closed", "bytes",
                                        "control", "pregap" };
    static const int64_t min[] = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
    static const int64_t max[] = { INT32_MAX, UINT32_MAX, UINT32_MAX, VD_MAX_TRACKS + 1, 1, 1, 1, MMC_SECTOR_RAW_CD_PW,
                                   3, CD_LEADIN_MAX };
    int64_t v[10] = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
    memset(t, 0, sizeof(*t));
    if (get_fields(rest, keys, min, max, v, 10)) return -1;
    t->start = (int32_t)v[0];
    t->size = (uint32_t)v[1];
    t->written = (uint32_t)v[2];
    t->session = (uint16_t)v[3];
    t->audio = (uint8_t)v[4];
    t->raw = (uint8_t)v[5];
    t->closed = (uint8_t)v[6];
    t->host_bytes = (uint16_t)v[7];
    t->control = (uint8_t)v[8];
    t->pregap = (uint32_t)v[9];
    return 0;
}

static int parse_sao(char *rest, vd_state *st)
{
    static const char *const keys[] = { "next", "end", "mode" };
    static const int64_t min[] = { -CD_LEADIN_MAX, -1, 1 };
    static const int64_t max[] = { INT32_MAX, INT32_MAX, 2 };
    int64_t v[3] = { 0, -1, 1 };
    if (get_fields(rest, keys, min, max, v, 3)) return -1;
    st->sao_next = (int32_t)v[0];
    st->sao_end = (int32_t)v[1];
    st->sao_active = (int)v[2];
    return 0;
}

/* An immediate BLANK / FORMAT UNIT still running (vdrive_cmd_blank.c). */
static int parse_busy(char *rest, vd_state *st)
{
    static const char *const keys[] = { "kind", "start", "total" };
    static const int64_t min[] = { 1, 0, 1 };
    static const int64_t max[] = { 2, INT64_MAX, 3600000 };
    int64_t v[3] = { 0, 0, 0 };
    if (get_fields(rest, keys, min, max, v, 3) || !v[0]) return -1;
    st->busy_kind = (int)v[0];
    st->busy_start_ms = (uint64_t)v[1];
    st->busy_total_ms = (uint64_t)v[2];
    return 0;
}

/* The disc structure must be one a drive could have recorded: within the medium's
 * capacity, tracks in order without overlap, each NWA inside its track. */
static int check_disc(const vd_state *st, const unsigned *track_line, unsigned capacity_line,
                      unsigned sao_line, vd_parse_error *err)
{
    const vd_media_info *m = st->media_present ? vd_media_find(st->profile) : NULL;
    int64_t prev_end = 0;
    unsigned i;

    if (m && st->capacity > vd_media_max_capacity(m))
        return vd_parse_fail(err, capacity_line, "capacity beyond the medium's maximum");
    for (i = 0; i < st->ntracks; i++)
    {
        const vd_track *t = &st->tracks[i];
        uint64_t extent = t->closed ? t->size : t->written;
        if (!m) return vd_parse_fail(err, track_line[i], "track without media");
        if (t->start < prev_end) return vd_parse_fail(err, track_line[i], "track overlaps the previous one");
        if ((uint64_t)t->start + extent > st->capacity)
            return vd_parse_fail(err, track_line[i], "track extends beyond the capacity");
        if (t->closed && t->written > t->size)
            return vd_parse_fail(err, track_line[i], "written beyond the track's size");
        if (t->session > st->sessions_closed + 1)
            return vd_parse_fail(err, track_line[i], "track in a session after the open one");
        prev_end = t->start + (int64_t)extent;
    }
    if (st->sao_active && (!m || m->family != VD_CD || st->sao_next > (int64_t)st->capacity + CD_LEADOUT_RUN ||
                           st->sao_end > (int64_t)st->capacity + CD_LEADOUT_RUN))
        return vd_parse_fail(err, sao_line, "disc-at-once progress outside the disc");
    return 0;
}

int vd_meta_parse(const char *text, vd_state *st, vd_parse_error *err)
{
    char *copy = malloc(strlen(text) + 1), *cursor, *line;
    unsigned lineno = 0, track_line[VD_MAX_TRACKS], capacity_line = 0, sao_line = 0;
    int version = -1, ended = 0, hr = 0;

    if (!copy) return CORE_FILE_ENOMEM;
    strcpy(copy, text);
    cursor = copy;
    memset(st, 0, sizeof(*st));
    while (!hr && (line = vd_text_next_line(&cursor)))
    {
        char *rest = strchr(line, ' ');
        const char *bad = NULL;
        uint64_t v = 0;
        lineno++;
        if (!*line) continue;
        if (rest) *rest++ = 0; else rest = line + strlen(line);
#define NUM(field, max) do { if (vd_text_uint(rest, (max), &v)) bad = "bad number"; else field = v; } while (0)
        if (ended) bad = "text after end";
        else if (!strcmp(line, META_MAGIC))
        {
            if (vd_text_uint(rest, VD_STATE_VERSION, &v) || v < 1) bad = "unknown version";
            else version = (int)v;
        }
        else if (version < 0) bad = "not a recorder state file";
        else if (!strcmp(line, "generation")) NUM(st->generation, UINT64_MAX);
        else if (!strcmp(line, "tray"))
        {
            if (strcmp(rest, "open") && strcmp(rest, "closed")) bad = "tray is open or closed";
            st->tray_open = !strcmp(rest, "open");
        }
        else if (!strcmp(line, "media"))
        {
            st->media_present = strcmp(rest, "none") != 0;
            if (st->media_present && vdrive_media_from_name(rest, &st->profile)) bad = "unknown media";
        }
        else if (!strcmp(line, "becoming_ready")) NUM(st->becoming_ready, MAX_BECOMING_READY);
        else if (!strcmp(line, "write_protected")) NUM(st->write_protected, 1);
        else if (!strcmp(line, "prevent")) NUM(st->prevent, 1);
        else if (!strcmp(line, "formatted")) NUM(st->formatted, 1);
        else if (!strcmp(line, "capacity")) { NUM(st->capacity, UINT32_MAX); capacity_line = lineno; }
        else if (!strcmp(line, "finalized")) NUM(st->finalized, 1);
        else if (!strcmp(line, "sessions_closed")) NUM(st->sessions_closed, VD_MAX_TRACKS);
        else if (!strcmp(line, "write_speed")) NUM(st->write_speed, MAX_SPEED_KBS);
        else if (!strcmp(line, "read_speed")) NUM(st->read_speed, MAX_SPEED_KBS);
        else if (!strcmp(line, "media_event")) NUM(st->media_event, 0xFF);
        else if (!strcmp(line, "ua_pending")) NUM(st->ua_pending, 1);
        else if (!strcmp(line, "page01")) { if (get_page(rest, st->page01, sizeof(st->page01))) bad = "bad mode page"; }
        else if (!strcmp(line, "page05")) { if (get_page(rest, st->page05, sizeof(st->page05))) bad = "bad mode page"; }
        else if (!strcmp(line, "page08")) { if (get_page(rest, st->page08, sizeof(st->page08))) bad = "bad mode page"; }
        else if (!strcmp(line, "page1a")) { if (get_page(rest, st->page1a, sizeof(st->page1a))) bad = "bad mode page"; }
        else if (!strcmp(line, "page1d")) { if (get_page(rest, st->page1d, sizeof(st->page1d))) bad = "bad mode page"; }
        else if (!strcmp(line, "track"))
        {
            if (st->ntracks >= VD_MAX_TRACKS) bad = "too many tracks";
            else if (parse_track(rest, &st->tracks[st->ntracks])) bad = "bad track field";
            else track_line[st->ntracks++] = lineno;
        }
        else if (!strcmp(line, "sao"))
        {
            if (parse_sao(rest, st)) bad = "bad sao field";
            sao_line = lineno;
        }
        else if (!strcmp(line, "busy")) { if (parse_busy(rest, st)) bad = "bad busy field"; }
        else if (!strcmp(line, "fault"))
        {
            if (st->nfaults >= VD_MAX_FAULTS) bad = "too many faults";
            else if (vdrive_fault_parse(rest, &st->faults[st->nfaults])) bad = "bad fault";
            else st->nfaults++;
        }
        else if (!strcmp(line, "end")) ended = 1;
        else if (vd_cd_parse_state_line(st, line, rest) < 0) bad = "bad CD sub-channel line";
#undef NUM
        if (bad)
        {
            char what[96];
            snprintf(what, sizeof(what), "%.40s: %s", line, bad);
            hr = vd_parse_fail(err, lineno, what);
        }
    }
    free(copy);
    if (hr) return hr;
    if (version < 1) return vd_parse_fail(err, 1, "not a recorder state file");
    if (!ended) return vd_parse_fail(err, lineno, "truncated (no end line)");
    return check_disc(st, track_line, capacity_line, sao_line, err);
}
