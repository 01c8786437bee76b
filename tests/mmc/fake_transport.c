/* Scripted transport for the device-layer tests (see fake_transport.h). */
#include <string.h>
#include "fake_transport.h"

static void set_sense(mmc_command *c, uint8_t key, uint8_t asc, uint8_t ascq)
{
    memset(c->sense, 0, sizeof(c->sense));
    c->sense[0] = 0x70;                 /* current error, fixed format */
    c->sense[2] = key;
    c->sense[7] = 10;                   /* additional length: bytes 8..17 */
    c->sense[12] = asc;
    c->sense[13] = ascq;
}

static int fake_execute(mmc_transport *t, mmc_command *c)
{
    fake_transport *f = t->ctx;
    size_t i;

    if (f->calls < FAKE_MAX_LOG)
    {
        memcpy(f->cdb_log[f->calls], c->cdb, 16);
        f->timeout_log[f->calls] = c->timeout_s;
    }
    f->calls++;
    if (c->dir == MMC_DIR_OUT && c->len <= sizeof(f->out))
    {
        memcpy(f->out, c->buf, c->len);
        f->out_len = c->len;
    }
    for (i = 0; i < f->count; i++)
    {
        const fake_reply *r = &f->replies[i];
        size_t n = 0;

        if (r->opcode != c->cdb[0] || (r->match_index && c->cdb[r->match_index] != r->match_value))
            continue;
        if (r->uses && f->used[i] >= r->uses)
            continue;
        f->used[i]++;
        if (r->status == MMC_STATUS_CHECK_CONDITION)
        {
            if (r->raw_sense)
                memcpy(c->sense, r->raw_sense, sizeof(c->sense));
            else
                set_sense(c, r->key, r->asc, r->ascq);
        }
        if (c->dir == MMC_DIR_IN && r->data)
        {
            n = r->data_len < c->len ? r->data_len : c->len;
            memcpy(c->buf, r->data, n);
        }
        else if (c->dir == MMC_DIR_OUT)
            n = c->len;
        c->transferred = r->lie ? r->claim : n;
        return r->status;
    }
    set_sense(c, 0x05, 0x20, 0x00);
    return MMC_STATUS_CHECK_CONDITION;
}

void fake_init(fake_transport *f, const fake_reply *replies, size_t count)
{
    memset(f, 0, sizeof(*f));
    f->base.execute = fake_execute;
    f->base.ctx = f;
    f->replies = replies;
    f->count = count;
}

const uint8_t *fake_cdb(const fake_transport *f, unsigned i)
{
    return f->cdb_log[i < FAKE_MAX_LOG ? i : FAKE_MAX_LOG - 1];
}
