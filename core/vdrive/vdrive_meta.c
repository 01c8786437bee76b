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
        vd_text_printf(&t, "track start=%ld size=%lu written=%lu session=%u audio=%u raw=%u closed=%u bytes=%u\n",
                       (long)tr->start, (unsigned long)tr->size, (unsigned long)tr->written,
                       tr->session, tr->audio, tr->raw, tr->closed, tr->host_bytes);
    }
    if (st->sao_active)
        vd_text_printf(&t, "sao next=%ld end=%ld mode=%d\n", (long)st->sao_next, (long)st->sao_end,
                       st->sao_active);
    for (i = 0; i < st->nfaults; i++)
    {
        vdrive_fault_format(&st->faults[i], fault, sizeof(fault));
        vd_text_printf(&t, "fault %s\n", fault);
    }
    vd_text_printf(&t, "end\n");
    return vd_text_finish(&t);
}

static long field(const char *rest, const char *name)
{
    char key[24];
    const char *p;
    snprintf(key, sizeof(key), "%s=", name);
    p = strstr(rest, key);
    return p ? strtol(p + strlen(key), NULL, 10) : 0;
}

static int get_page(const char *rest, uint8_t *page, size_t n)
{
    return strlen(rest) == 2 * n && !vd_text_unhex(rest, page, n) ? 0 : VDRIVE_E_FORMAT;
}

int vd_meta_parse(const char *text, vd_state *st)
{
    char *copy = malloc(strlen(text) + 1), *cursor, *line;
    int version = -1, ended = 0, hr = 0;

    if (!copy) return CORE_FILE_ENOMEM;
    strcpy(copy, text);
    cursor = copy;
    memset(st, 0, sizeof(*st));
    while (!hr && (line = vd_text_next_line(&cursor)))
    {
        char *rest = strchr(line, ' ');
        unsigned long v;
        if (rest) *rest++ = 0; else rest = line + strlen(line);
        v = strtoul(rest, NULL, 10);
        if (!strcmp(line, META_MAGIC)) version = atoi(rest);
        else if (!strcmp(line, "generation")) st->generation = strtoull(rest, NULL, 10);
        else if (!strcmp(line, "tray")) st->tray_open = !strcmp(rest, "open");
        else if (!strcmp(line, "media"))
        {
            st->media_present = strcmp(rest, "none") != 0;
            if (st->media_present && vdrive_media_from_name(rest, &st->profile)) hr = VDRIVE_E_FORMAT;
        }
        else if (!strcmp(line, "becoming_ready")) st->becoming_ready = (uint32_t)v;
        else if (!strcmp(line, "write_protected")) st->write_protected = (int)v;
        else if (!strcmp(line, "prevent")) st->prevent = (int)v;
        else if (!strcmp(line, "formatted")) st->formatted = (int)v;
        else if (!strcmp(line, "capacity")) st->capacity = (uint32_t)v;
        else if (!strcmp(line, "finalized")) st->finalized = (int)v;
        else if (!strcmp(line, "sessions_closed")) st->sessions_closed = (unsigned)v;
        else if (!strcmp(line, "write_speed")) st->write_speed = (unsigned)v;
        else if (!strcmp(line, "read_speed")) st->read_speed = (unsigned)v;
        else if (!strcmp(line, "media_event")) st->media_event = (uint8_t)v;
        else if (!strcmp(line, "ua_pending")) st->ua_pending = (int)v;
        else if (!strcmp(line, "page01")) hr = get_page(rest, st->page01, sizeof(st->page01));
        else if (!strcmp(line, "page05")) hr = get_page(rest, st->page05, sizeof(st->page05));
        else if (!strcmp(line, "page08")) hr = get_page(rest, st->page08, sizeof(st->page08));
        else if (!strcmp(line, "page1a")) hr = get_page(rest, st->page1a, sizeof(st->page1a));
        else if (!strcmp(line, "page1d")) hr = get_page(rest, st->page1d, sizeof(st->page1d));
        else if (!strcmp(line, "track"))
        {
            vd_track *t;
            if (st->ntracks >= VD_MAX_TRACKS) { hr = VDRIVE_E_FORMAT; break; }
            t = &st->tracks[st->ntracks++];
            t->start = (int32_t)field(rest, "start");
            t->size = (uint32_t)field(rest, "size");
            t->written = (uint32_t)field(rest, "written");
            t->session = (uint16_t)field(rest, "session");
            t->audio = (uint8_t)field(rest, "audio");
            t->raw = (uint8_t)field(rest, "raw");
            t->closed = (uint8_t)field(rest, "closed");
            t->host_bytes = (uint16_t)field(rest, "bytes");
        }
        else if (!strcmp(line, "sao"))
        {
            st->sao_active = field(rest, "mode") == 2 ? 2 : 1;
            st->sao_next = (int32_t)field(rest, "next");
            st->sao_end = (int32_t)field(rest, "end");
        }
        else if (!strcmp(line, "fault"))
        {
            if (st->nfaults >= VD_MAX_FAULTS || vdrive_fault_parse(rest, &st->faults[st->nfaults]))
                hr = VDRIVE_E_FORMAT;
            else st->nfaults++;
        }
        else if (!strcmp(line, "end")) ended = 1;
    }
    free(copy);
    if (!hr && (version < 1 || version > VD_STATE_VERSION || !ended)) hr = VDRIVE_E_FORMAT;
    return hr;
}
