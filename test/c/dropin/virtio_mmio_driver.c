/*
 * A virtio-mmio driver probe written against Linux's uapi names only: it includes
 * <linux/virtio_mmio.h> and <linux/virtio_config.h> and nothing of hvspec. test/c/dropin.test.ts
 * compiles it once against the real Linux headers and once with the generated headers standing
 * in for them, runs both and compares what they print. Valid C99 and C++.
 */
#include <linux/virtio_config.h>
#include <linux/virtio_mmio.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A fake device: the register block as bytes, as a driver sees it through ioremap(). */
static uint8_t block[0x200];

static uint32_t readl(unsigned offset)
{
	uint32_t v;
	memcpy(&v, block + offset, sizeof v);
	return v;
}

static void writel(uint32_t v, unsigned offset)
{
	memcpy(block + offset, &v, sizeof v);
}

static int probe(void)
{
	uint32_t magic = readl(VIRTIO_MMIO_MAGIC_VALUE);
	uint32_t version = readl(VIRTIO_MMIO_VERSION);

	if (magic != ('v' | 'i' << 8 | 'r' << 16 | (uint32_t)'t' << 24))
		return -1;
	if (version < 1 || version > 2)
		return -2;
	if (readl(VIRTIO_MMIO_DEVICE_ID) == 0)
		return -3;
	writel(0, VIRTIO_MMIO_STATUS);
	writel(VIRTIO_CONFIG_S_ACKNOWLEDGE, VIRTIO_MMIO_STATUS);
	writel(readl(VIRTIO_MMIO_STATUS) | VIRTIO_CONFIG_S_DRIVER, VIRTIO_MMIO_STATUS);
	writel(1, VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	if (version == 1) {
#ifndef VIRTIO_MMIO_NO_LEGACY
		writel(4096, VIRTIO_MMIO_GUEST_PAGE_SIZE);
		writel(4096, VIRTIO_MMIO_QUEUE_ALIGN);
		writel(0x1234, VIRTIO_MMIO_QUEUE_PFN);
#endif
	} else {
		writel(0x89abcdefu, VIRTIO_MMIO_QUEUE_DESC_LOW);
		writel(0x01234567u, VIRTIO_MMIO_QUEUE_DESC_HIGH);
		writel(1, VIRTIO_MMIO_QUEUE_READY);
	}
	return 0;
}

static unsigned interrupt(void)
{
	unsigned status = readl(VIRTIO_MMIO_INTERRUPT_STATUS);
	unsigned handled = 0;

	if (status & VIRTIO_MMIO_INT_VRING)
		handled |= VIRTIO_MMIO_INT_VRING;
	if (status & VIRTIO_MMIO_INT_CONFIG)
		handled |= VIRTIO_MMIO_INT_CONFIG;
	writel(handled, VIRTIO_MMIO_INTERRUPT_ACK);
	return handled;
}

int main(void)
{
	unsigned i;
	int r;

	writel(0x74726976, VIRTIO_MMIO_MAGIC_VALUE);
	writel(2, VIRTIO_MMIO_VERSION);
	writel(34, VIRTIO_MMIO_DEVICE_ID);
	writel(VIRTIO_MMIO_INT_CONFIG | VIRTIO_MMIO_INT_VRING, VIRTIO_MMIO_INTERRUPT_STATUS);
	r = probe();
	printf("probe %d status %u ready %u ack %u\n", r, (unsigned)readl(VIRTIO_MMIO_STATUS),
	       (unsigned)readl(VIRTIO_MMIO_QUEUE_READY), interrupt());
	writel(1, VIRTIO_MMIO_VERSION);
	r = probe();
	printf("legacy probe %d pfn 0x%x\n", r, (unsigned)readl(0x040));
	/* Every offset, so a single wrong one shows in the comparison. */
	{
		static const unsigned offsets[] = {
			VIRTIO_MMIO_MAGIC_VALUE, VIRTIO_MMIO_VERSION, VIRTIO_MMIO_DEVICE_ID, VIRTIO_MMIO_VENDOR_ID,
			VIRTIO_MMIO_DEVICE_FEATURES, VIRTIO_MMIO_DEVICE_FEATURES_SEL, VIRTIO_MMIO_DRIVER_FEATURES,
			VIRTIO_MMIO_DRIVER_FEATURES_SEL, VIRTIO_MMIO_GUEST_PAGE_SIZE, VIRTIO_MMIO_QUEUE_SEL,
			VIRTIO_MMIO_QUEUE_NUM_MAX, VIRTIO_MMIO_QUEUE_NUM, VIRTIO_MMIO_QUEUE_ALIGN, VIRTIO_MMIO_QUEUE_PFN,
			VIRTIO_MMIO_QUEUE_READY, VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_MMIO_INTERRUPT_STATUS,
			VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_MMIO_STATUS, VIRTIO_MMIO_QUEUE_DESC_LOW,
			VIRTIO_MMIO_QUEUE_DESC_HIGH, VIRTIO_MMIO_QUEUE_AVAIL_LOW, VIRTIO_MMIO_QUEUE_AVAIL_HIGH,
			VIRTIO_MMIO_QUEUE_USED_LOW, VIRTIO_MMIO_QUEUE_USED_HIGH, VIRTIO_MMIO_SHM_SEL,
			VIRTIO_MMIO_SHM_LEN_LOW, VIRTIO_MMIO_SHM_LEN_HIGH, VIRTIO_MMIO_SHM_BASE_LOW,
			VIRTIO_MMIO_SHM_BASE_HIGH, VIRTIO_MMIO_CONFIG_GENERATION, VIRTIO_MMIO_CONFIG,
		};
		for (i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
			printf("%s0x%03x", i ? " " : "offsets ", offsets[i]);
		printf("\n");
	}
	return 0;
}
