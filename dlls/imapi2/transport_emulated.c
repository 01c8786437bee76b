/* The emulated transport: core/vdrive hosted in this process on a recorder directory
 * (state in files, shared safely with other processes and the native vdrive tool). */

#include "drives.h"
#include "vdrive/vdrive.h"

/* The adapter an emulated recorder claims: no alignment needs, 1 MiB per command over 257
 * pages. [undoc choice] It is a virtual adapter, not an ATAPI one, so it claims the
 * largest WRITE IDiscFormat2Data stages (format_data.c MAX_STAGING) instead of the 64 KiB
 * typical ATAPI adapters report: every command costs lock calls and a file write
 * (wineserver round trips under Wine), and a burn now sends 16x fewer. Real drives
 * behind transport_sptd.c report their own adapter's limit. */
#define EMU_MAX_TRANSFER 0x100000
#define EMU_MAX_PAGES    257

HRESULT emulated_open(const char *dir, const WCHAR *name, struct drive *d)
{
    mmc_transport *t;
    int err;
    TRACE("%s (%s)\n", dir, debugstr_w(name));
    if ((err = vdrive_transport_open(dir, &t)))
    {
        /* Open it once more for the reason (a bad state.txt names its line), so a user's
         * trace says what is wrong with the recorder, not only that it failed. */
        char why[256] = "";
        vdrive *vd = NULL;
        if (!vdrive_open_why(dir, &vd, why, sizeof(why)) && vd) vdrive_close(vd);
        WARN("cannot open the emulated recorder in %s: %d %s\n", dir, err, why);
        return HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST);
    }
    d->inner = t;
    d->alignment_mask = 0;
    d->max_transfer = EMU_MAX_TRANSFER;
    d->max_pages = EMU_MAX_PAGES;
    return drive_synth_descriptors(d, BusTypeAtapi);
}
