/* Operator actions on a recorder (the CLI's verbs, the tests' setup): media in and
 * out, tray, write protection, faults, and a human-readable description. */
#include <stdlib.h>
#include <string.h>
#include "vdrive_internal.h"
#include "vdrive_text.h"

#define EVENT_NEW_MEDIA     2
#define EVENT_MEDIA_REMOVAL 3

static int supported(vdrive *vd, uint16_t profile)
{
    unsigned i;
    for (i = 0; i < vd->cfg.nprofiles; i++) if (vd->cfg.profiles[i] == profile) return 1;
    return 0;
}

/* Commit the new state before dropping the old bytes (see reset_image in cmd_media). */
static int finish(vdrive *vd, int truncate_image)
{
    int hr = vd_commit(vd, 1);
    if (!hr && truncate_image) hr = core_file_set_size(vd->image, 0);
    vd_end(vd);
    return hr;
}

static void load_media(vdrive *vd, uint16_t profile)
{
    vd_state *st = &vd->st;
    st->media_present = 1;
    st->profile = profile;
    st->tray_open = 0;
    st->becoming_ready = vd->cfg.becoming_ready;
    st->write_protected = 0;
    st->media_event = EVENT_NEW_MEDIA;
    st->ua_pending = 1;
    st->write_speed = 0;
    st->read_speed = 0;
    st->sao_active = 0;
    st->busy_kind = 0;          /* a new disc ends a blank/format the old one was under */
    vd->streaming = 0;
    vd->buf_fill = 0;
}

int vdrive_insert_blank(vdrive *vd, uint16_t profile)
{
    const vd_media_info *m = vd_media_find(profile);
    int hr;
    if (!m || m->kind == VD_ROM || !supported(vd, profile)) return VDRIVE_E_STATE;
    if ((hr = vd_begin(vd))) return hr;
    load_media(vd, profile);
    vd_disc_blank(vd);
    return finish(vd, 1);
}

int vdrive_insert_rom(vdrive *vd, uint16_t profile, const char *image_path)
{
    const vd_media_info *m = vd_media_find(profile);
    core_file *src;
    uint64_t size;
    uint32_t blocks, done = 0;
    uint8_t *buf;
    vd_track *t;
    int hr;

    if (!m || m->kind != VD_ROM || !supported(vd, profile)) return VDRIVE_E_STATE;
    if ((hr = core_file_open(image_path, CORE_FILE_READ, &src))) return hr;
    if ((hr = core_file_size(src, &size)) || !size || size / MMC_SECTOR_DATA > m->capacity)
    { core_file_close(src); return hr ? hr : VDRIVE_E_STATE; }
    blocks = (uint32_t)((size + MMC_SECTOR_DATA - 1) / MMC_SECTOR_DATA);
    if (!(buf = malloc(64 * MMC_SECTOR_DATA))) { core_file_close(src); return CORE_FILE_ENOMEM; }
    if ((hr = vd_begin(vd))) { free(buf); core_file_close(src); return hr; }
    /* the old disc leaves (committed) before its bytes are overwritten */
    vd->st.media_present = 0;
    vd->st.ntracks = 0;
    if ((hr = vd_commit(vd, 1))) { vd_end(vd); free(buf); core_file_close(src); return hr; }
    load_media(vd, profile);
    /* record the pressed disc: state first, then the bytes, then commit again */
    memset(&vd->st.tracks, 0, sizeof(vd->st.tracks));
    vd->st.capacity = m->capacity;
    vd->st.ntracks = 1;
    vd->st.sessions_closed = 1;
    vd->st.finalized = 1;
    vd->st.formatted = 0;
    t = &vd->st.tracks[0];
    t->session = 1;
    t->closed = 1;
    t->size = t->written = blocks;
    core_file_set_size(vd->image, 0);
    while (!hr && done < blocks)
    {
        uint32_t n = blocks - done < 64 ? blocks - done : 64;
        size_t got;
        memset(buf, 0, 64 * MMC_SECTOR_DATA);
        hr = core_file_pread(src, buf, (size_t)n * MMC_SECTOR_DATA, (uint64_t)done * MMC_SECTOR_DATA, &got);
        if (!hr) hr = vd_image_write(vd, done, n, MMC_SECTOR_DATA, buf);
        done += n;
    }
    free(buf);
    core_file_close(src);
    if (hr) { vd_end(vd); return hr; }
    return finish(vd, 0);
}

int vdrive_open_tray(vdrive *vd, int force)
{
    int hr;
    if ((hr = vd_begin(vd))) return hr;
    if (vd->st.prevent && !force) { vd_end(vd); return VDRIVE_E_STATE; }
    if (force) vd->st.prevent = 0;
    if (!vd->st.tray_open)
    {
        vd->st.tray_open = 1;
        vd->st.becoming_ready = 0;
        if (vd->st.media_present) vd->st.media_event = EVENT_MEDIA_REMOVAL;
    }
    return finish(vd, 0);
}

int vdrive_close_tray(vdrive *vd)
{
    int hr;
    if ((hr = vd_begin(vd))) return hr;
    if (vd->st.tray_open)
    {
        vd->st.tray_open = 0;
        if (vd->st.media_present)
        {
            vd->st.becoming_ready = vd->cfg.becoming_ready;
            vd->st.media_event = EVENT_NEW_MEDIA;
            vd->st.ua_pending = 1;
        }
    }
    return finish(vd, 0);
}

int vdrive_remove_media(vdrive *vd)
{
    int hr;
    if ((hr = vd_begin(vd))) return hr;
    if (vd->st.media_present) vd->st.media_event = EVENT_MEDIA_REMOVAL;
    vd->st.media_present = 0;
    vd->st.profile = 0;
    vd->st.ntracks = 0;
    vd->st.becoming_ready = 0;
    vd->st.sao_active = 0;
    return finish(vd, 1);
}

int vdrive_set_write_protect(vdrive *vd, int on)
{
    int hr;
    if ((hr = vd_begin(vd))) return hr;
    vd->st.write_protected = on != 0;
    return finish(vd, 0);
}

int vdrive_add_fault(vdrive *vd, const vdrive_fault *f)
{
    int hr;
    if ((hr = vd_begin(vd))) return hr;
    if (vd->st.nfaults >= VD_MAX_FAULTS) { vd_end(vd); return VDRIVE_E_STATE; }
    vd->st.faults[vd->st.nfaults++] = *f;
    return finish(vd, 0);
}

int vdrive_clear_faults(vdrive *vd)
{
    int hr;
    if ((hr = vd_begin(vd))) return hr;
    vd->st.nfaults = 0;
    return finish(vd, 0);
}

static const char *disc_status_name(unsigned s)
{
    static const char *names[] = { "blank", "appendable", "complete", "other" };
    return names[s & 3];
}

int vdrive_describe(vdrive *vd, char **text)
{
    vd_text t = { 0 };
    const vd_media_info *m;
    char fault[160];
    unsigned i;
    int hr;

    if ((hr = vd_begin(vd))) return hr;
    m = vd_media(vd);
    vd_text_printf(&t, "recorder: %s %s %s (serial %s)\n", vd->cfg.vendor, vd->cfg.product,
                   vd->cfg.revision, vd->cfg.serial);
    vd_text_printf(&t, "tray: %s%s\n", vd->st.tray_open ? "open" : "closed",
                   vd->st.prevent ? ", removal prevented" : "");
    if (!m) vd_text_printf(&t, "media: none\n");
    else
    {
        vd_text_printf(&t, "media: %s (%s, profile 0x%04x)%s%s\n", m->description, m->name, m->profile,
                       vd->st.write_protected ? ", write protected" : "",
                       vd->st.becoming_ready ? ", becoming ready" : "");
        vd_text_printf(&t, "disc: %s, last session %s, %u session(s), capacity %lu blocks\n",
                       disc_status_name(vd_disc_status(vd)),
                       vd_last_session_status(vd) == 3 ? "complete" : vd_last_session_status(vd) == 1 ? "incomplete" : "empty",
                       vd_session_count(vd), (unsigned long)vd->st.capacity);
        if (m->kind == VD_OVERWRITE) vd_text_printf(&t, "format: %s\n", vd->st.formatted ? "formatted" : "unformatted");
        for (i = 0; i < vd->st.ntracks; i++)
        {
            const vd_track *tr = &vd->st.tracks[i];
            vd_text_printf(&t, "  track %u: session %u, %s, start %ld, %s %lu blocks, written %lu\n", i + 1,
                           tr->session, tr->audio ? "audio" : "data", (long)tr->start,
                           tr->closed ? "size" : "open, room for", (unsigned long)(tr->closed ? tr->size :
                           vd->st.capacity - (uint32_t)tr->start), (unsigned long)tr->written);
        }
        if (vd_open_track(vd))
            vd_text_printf(&t, "next writable address: %lu, free blocks: %lu\n",
                           (unsigned long)vd_next_writable(vd), (unsigned long)vd_free_blocks(vd));
    }
    for (i = 0; i < vd->st.nfaults; i++)
    {
        vdrive_fault_format(&vd->st.faults[i], fault, sizeof(fault));
        vd_text_printf(&t, "fault: %s\n", fault);
    }
    for (i = 0; i < vd->cfg.nfaults; i++)
    {
        vdrive_fault_format(&vd->cfg.faults[i], fault, sizeof(fault));
        vd_text_printf(&t, "fault (config): %s\n", fault);
    }
    vd_end(vd);
    if (!(*text = vd_text_finish(&t))) return CORE_FILE_ENOMEM;
    return 0;
}
