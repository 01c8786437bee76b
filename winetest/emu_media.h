/* Media in private recorder copies (emu_clone.h) and reading them back, for tests that
 * need a medium setup-recorders.sh does not insert (a CD-RW, a DVD-RW) or a drive fault:
 * the copy's state.txt (core/vdrive/README.md: the state format) is rewritten line by
 * line with another media name / capacity and extra `fault` lines, under a generation the
 * drive has not seen, so it reloads the file at its next command.
 * Needs test.h, imapi2.h and emu_clone.h first. */
#ifndef IMAPI_WINETEST_EMU_MEDIA_H
#define IMAPI_WINETEST_EMU_MEDIA_H

/* A state.txt with a blank medium in a closed tray, as vdrive's insert writes it
 * (core/vdrive/README.md): `formatted` overwritable media get one closed track over the
 * whole medium, unformatted DVD+RW / BD-RE none, every other medium one open track; a
 * `fault` line (vdrive syntax) when not NULL. A generation the drive has not seen makes
 * it reload the file at its next command. */
static inline void emu_write_blank_state(FILE *f, const char *media, unsigned capacity, BOOL formatted,
                                         unsigned long generation, const char *fault)
{
    fprintf(f, "imapi-vdrive-state 1\ngeneration %lu\ntray closed\nmedia %s\nformatted %d\ncapacity %u\n"
               "finalized 0\nsessions_closed %d\n", generation, media, formatted ? 1 : 0, capacity, formatted ? 1 : 0);
    /* the mode pages vdrive's insert gives every medium */
    fprintf(f, "page01 010a00200000000020000000\n"
               "page05 05324104080000000000000000000096000000000000000000000000000000000000000000000000000000000000000000000000\n"
               "page08 080a04000000000000000000\npage1a 1a0a00000000000000000000\npage1d 1d0a00000000001e02580000\n");
    if (formatted) fprintf(f, "track start=0 size=%u written=%u session=1 audio=0 raw=0 closed=1 bytes=0\n",
                           capacity, capacity);
    else if (strcmp(media, "bdre") && strcmp(media, "dvd+rw"))
        fprintf(f, "track start=0 size=0 written=0 session=1 audio=0 raw=0 closed=0 bytes=0\n");
    if (fault) fprintf(f, "fault %s\n", fault);
    fprintf(f, "end\n");
}

/* A private copy of `source` named `clone` holding a blank `media` of `capacity` blocks
 * (emu_write_blank_state), initialized, or NULL (reported with ok). media NULL: the
 * copy keeps the source's disc. */
static inline IDiscRecorder2 *emu_clone_blank(const char *source, const char *clone, const char *media,
                                              unsigned capacity, BOOL formatted)
{
    char path[MAX_PATH], dir[MAX_PATH];
    IDiscRecorder2 *r = NULL;
    LONG index;
    FILE *f = NULL;
    BSTR id;

    if (!emu_clone(source, clone, &id, &index)) return NULL;
    if (media)
    {
        GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
        snprintf(path, sizeof(path), "%s\\%s\\state.txt", dir, clone);
        if ((f = fopen(path, "wb")))
        {
            emu_write_blank_state(f, media, capacity, formatted, 100, NULL);
            fclose(f);
        }
        ok(f != NULL, "cannot write %s\n", path);
    }
    if (!media || f) r = emu_open_id(id);
    SysFreeString(id);
    return r;
}

/* Rewrites %IMAPI_TEST_TMP_WIN%\<clone>\state.txt: media (NULL: kept), capacity (0: kept),
 * fault appended before "end" (NULL: none). */
static inline BOOL emu_state_rewrite(const char *clone, const char *media, unsigned capacity, const char *fault)
{
    char path[MAX_PATH], dir[MAX_PATH], line[512], *out;
    size_t used = 0, room = 65536;
    unsigned long long generation = 0;
    FILE *f;

    GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s\\%s\\state.txt", dir, clone);
    if (!(f = fopen(path, "rb")) || !(out = malloc(room)))
    {
        ok(0, "cannot read %s\n", path);
        if (f) fclose(f);
        return FALSE;
    }
    while (fgets(line, sizeof(line), f) && used + sizeof(line) + 128 < room)
    {
        if (!strncmp(line, "generation ", 11))
        {
            generation = _strtoui64(line + 11, NULL, 10);
            used += sprintf(out + used, "generation %lu\n", (unsigned long)(generation + 1000));
        }
        else if (media && !strncmp(line, "media ", 6)) used += sprintf(out + used, "media %s\n", media);
        else if (capacity && !strncmp(line, "capacity ", 9)) used += sprintf(out + used, "capacity %u\n", capacity);
        else if (fault && !strncmp(line, "end", 3)) used += sprintf(out + used, "fault %s\nend\n", fault);
        else used += sprintf(out + used, "%s", line);
    }
    fclose(f);
    if ((f = fopen(path, "wb")))
    {
        fwrite(out, 1, used, f);
        fclose(f);
    }
    free(out);
    ok(f != NULL && generation, "cannot rewrite %s\n", path);
    return f != NULL && generation;
}

/* A private copy of BlankCDR holding another blank sequential medium (cdrw, dvd-r,
 * dvd-rw: one open track, like the CD-R) of `capacity` blocks, initialized, or NULL. */
static inline IDiscRecorder2 *emu_blank_medium(const char *clone, const char *media, unsigned capacity)
{
    IDiscRecorder2 *r;
    LONG index;
    BSTR id;

    if (!emu_clone("BlankCDR", clone, &id, &index)) return NULL;
    r = emu_state_rewrite(clone, media, capacity, NULL) ? emu_open_id(id) : NULL;
    SysFreeString(id);
    return r;
}

/* READ(10) of `blocks` 2048-byte blocks through IDiscRecorder2Ex. */
static inline HRESULT emu_read10(IDiscRecorder2Ex *ex, LONG lba, ULONG blocks, BYTE *buf)
{
    BYTE cdb[10] = { 0x28 }, sense[18];
    ULONG fetched = 0;
    HRESULT hr;

    cdb[2] = lba >> 24; cdb[3] = lba >> 16; cdb[4] = lba >> 8; cdb[5] = lba;
    cdb[7] = blocks >> 8; cdb[8] = blocks;
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 20, buf, blocks * 2048, &fetched);
    return hr == S_OK && fetched == blocks * 2048 ? S_OK : (hr == S_OK ? E_FAIL : hr);
}

/* READ DISC INFORMATION through IDiscRecorder2Ex: up to 34 bytes into info (zeroed
 * first); returns the bytes the drive gave. */
static inline ULONG emu_disc_info(IDiscRecorder2 *r, BYTE info[34])
{
    IDiscRecorder2Ex *ex = NULL;
    BYTE *data = NULL;
    ULONG size = 0;

    memset(info, 0, 34);
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (!ex) return 0;
    if (FAILED(IDiscRecorder2Ex_GetDiscInformation(ex, &data, &size))) size = 0;
    memcpy(info, data, min(size, 34));
    CoTaskMemFree(data);
    IDiscRecorder2Ex_Release(ex);
    return size;
}

#endif
