/* Media in private recorder copies (emu_clone.h) and reading them back, for tests that
 * need a medium setup-recorders.sh does not insert (a CD-RW, a DVD-RW) or a drive fault:
 * the copy's state.txt (core/vdrive/README.md: the state format) is rewritten line by
 * line with another media name / capacity and extra `fault` lines, under a generation the
 * drive has not seen, so it reloads the file at its next command.
 * Needs test.h, imapi2.h and emu_clone.h first. */
#ifndef IMAPI_WINETEST_EMU_MEDIA_H
#define IMAPI_WINETEST_EMU_MEDIA_H

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
