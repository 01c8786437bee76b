/* Names that come from a disk directory (AddTree): every entry of one listing gets an
 * item name that IMAPI accepts and that no sibling holds, so no file is ever left out.
 *
 * [undoc] The IMAPI reference says nothing about disk names an image cannot hold; Windows
 * itself never meets them on NTFS, but a Linux folder under Wine holds them all the time.
 * Our one answer, applied at add time (never later, while the image is written):
 *
 *  1. Characters: '/', '\\', ':', '*', '?', '"', '<', '>', '|' and controls (U+0000..U+001F,
 *     U+007F) become '_' (the Windows-forbidden set fs_name_check refuses, and the Joliet
 *     set `* / : ; ? \` minus ';', which Joliet names may hold after our mangling).
 *     A trailing run of '.' and ' ' (Win32 strips those, so Windows readers could not
 *     open the file) becomes one '_' per character:  "Song: Title.mp3" -> "Song_ Title.mp3",
 *     "notes." -> "notes_".
 *  2. Case clashes: names equal under Windows' case-insensitive comparison (after step 1)
 *     cannot live in one image directory (IMAPI's tree, Joliet and Windows readers are
 *     case-insensitive). The listing is sorted; in each clash group the entry whose name
 *     needed no change in step 1 comes first, then ordinal (UTF-16 code unit) order of
 *     the disk names; the first keeps its name, each other one gets "~N" (N = 1, 2, ...,
 *     the first N that no other name of the listing holds) before the extension of a
 *     file ("casea.txt" -> "casea~1.txt") or at the end of a directory's name ("Dir" ->
 *     "Dir~1"), the base cut when the name would exceed FS_NAME_MAX. The result depends
 *     only on the listing: not on the order the disk lists it, not on the image.
 *  3. A resulting name equal to an item already in the image is the spec's clash
 *     (AddTree, spec 3.6): the disk entry wins, directories merge. So adding the same
 *     folder twice gives the same image as adding it once.
 * Renamed entries carry FS_CONFORM_CHARS / FS_CONFORM_CASE so the caller can log them. */
#ifndef IMAPI_FS_CONFORM_H
#define IMAPI_FS_CONFORM_H

#include <stddef.h>
#include <stdint.h>

#define FS_CONFORM_CHARS 1u   /* step 1 changed a character */
#define FS_CONFORM_CASE  2u   /* step 2 added ~N */

typedef struct fs_listing_entry
{
    const uint16_t *name;     /* in: the disk name (not copied; must outlive the entry) */
    size_t len;
    int is_dir;               /* in */
    size_t index;             /* in: the caller's own index, kept through the sort */
    const uint16_t *item_name;/* out: the name to give the item (== name when unchanged) */
    size_t item_len;
    unsigned flags;           /* out: FS_CONFORM_* */
    uint16_t *owned, *owned2; /* internal: the names built here (steps 1 and 2) */
} fs_listing_entry;

/* Step 1 on one name: writes the conformed name to out (capacity len units) and returns
 * nonzero when anything changed. */
int fs_name_conform_chars(const uint16_t *name, size_t len, uint16_t *out);

/* Steps 1 and 2 for one directory listing. Sorts e[] into the order the entries should
 * be added in. 0, FS_E_OUTOFMEMORY, or IMAPI_E_NO_UNIQUE_NAME (no ~N up to 999,999 is
 * free). On any return, call fs_listing_release. */
int32_t fs_listing_conform(fs_listing_entry *e, size_t n);
void fs_listing_release(fs_listing_entry *e, size_t n);

#endif
