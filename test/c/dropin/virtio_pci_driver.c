/*
 * A virtio-pci capability walk written against Linux's uapi names only (<linux/virtio_pci.h>):
 * it finds the common and notify capabilities in a fake PCI configuration space, through both
 * the byte offsets (VIRTIO_PCI_CAP_*) and struct virtio_pci_cap, and programs a queue through
 * the VIRTIO_PCI_COMMON_* offsets. test/c/dropin.test.ts compiles it against the real header and
 * against the generated one and compares the output. Valid C99 and C++.
 */
#include <linux/virtio_pci.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t config[256];
static uint8_t bar[4096];

static void put_cap(unsigned at, unsigned next, uint8_t type, uint32_t offset, uint32_t length, unsigned len)
{
	struct virtio_pci_cap cap;

	memset(&cap, 0, sizeof cap);
	cap.cap_vndr = 0x09;
	cap.cap_next = (uint8_t)next;
	cap.cap_len = (uint8_t)len;
	cap.cfg_type = type;
	cap.bar = 0;
	cap.offset = offset;
	cap.length = length;
	memcpy(config + at, &cap, sizeof cap);
}

static uint32_t cfg32(unsigned at)
{
	uint32_t v;
	memcpy(&v, config + at, sizeof v);
	return v;
}

int main(void)
{
	unsigned pos = 0x40, common = 0, notify = 0, mult = 0;
	struct virtio_pci_notify_cap ncap;
	uint16_t q;

	put_cap(0x40, 0x50, VIRTIO_PCI_CAP_COMMON_CFG, 0x000, sizeof(struct virtio_pci_common_cfg), sizeof(struct virtio_pci_cap));
	put_cap(0x50, 0x68, VIRTIO_PCI_CAP_NOTIFY_CFG, 0x100, 0x100, sizeof(struct virtio_pci_notify_cap));
	ncap.notify_off_multiplier = 4;
	memcpy(config + 0x50 + offsetof(struct virtio_pci_notify_cap, notify_off_multiplier), &ncap.notify_off_multiplier, 4);
	put_cap(0x68, 0, VIRTIO_PCI_CAP_ISR_CFG, 0x200, 1, sizeof(struct virtio_pci_cap));

	while (pos != 0) {
		uint8_t type = config[pos + VIRTIO_PCI_CAP_CFG_TYPE];
		if (config[pos + VIRTIO_PCI_CAP_VNDR] == 0x09 && type == VIRTIO_PCI_CAP_COMMON_CFG)
			common = cfg32(pos + VIRTIO_PCI_CAP_OFFSET);
		if (type == VIRTIO_PCI_CAP_NOTIFY_CFG) {
			notify = cfg32(pos + VIRTIO_PCI_CAP_OFFSET);
			mult = cfg32(pos + VIRTIO_PCI_NOTIFY_CAP_MULT);
		}
		printf("cap at 0x%x type %u bar %u len %u length %u\n", pos, type, config[pos + VIRTIO_PCI_CAP_BAR],
		       config[pos + VIRTIO_PCI_CAP_LEN], (unsigned)cfg32(pos + VIRTIO_PCI_CAP_LENGTH));
		pos = config[pos + VIRTIO_PCI_CAP_NEXT];
	}

	q = 3;
	memcpy(bar + common + VIRTIO_PCI_COMMON_Q_SELECT, &q, 2);
	q = 7;
	memcpy(bar + common + VIRTIO_PCI_COMMON_Q_NOFF, &q, 2);
	bar[common + VIRTIO_PCI_COMMON_STATUS] = 1;
	{
		struct virtio_pci_common_cfg cfg;
		memcpy(&cfg, bar + common, sizeof cfg);
		printf("select %u noff %u status %u notify at 0x%x msi none 0x%x isr config 0x%x\n", cfg.queue_select,
		       cfg.queue_notify_off, cfg.device_status, notify + cfg.queue_notify_off * mult,
		       VIRTIO_MSI_NO_VECTOR, VIRTIO_PCI_ISR_CONFIG);
	}
	printf("sizes %u %u %u %u %u\n", (unsigned)sizeof(struct virtio_pci_cap), (unsigned)sizeof(struct virtio_pci_cap64),
	       (unsigned)sizeof(struct virtio_pci_notify_cap), (unsigned)sizeof(struct virtio_pci_cfg_cap),
	       (unsigned)sizeof(struct virtio_pci_common_cfg));
	printf("common %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d\n", VIRTIO_PCI_COMMON_DFSELECT,
	       VIRTIO_PCI_COMMON_DF, VIRTIO_PCI_COMMON_GFSELECT, VIRTIO_PCI_COMMON_GF, VIRTIO_PCI_COMMON_MSIX,
	       VIRTIO_PCI_COMMON_NUMQ, VIRTIO_PCI_COMMON_STATUS, VIRTIO_PCI_COMMON_CFGGENERATION,
	       VIRTIO_PCI_COMMON_Q_SELECT, VIRTIO_PCI_COMMON_Q_SIZE, VIRTIO_PCI_COMMON_Q_MSIX,
	       VIRTIO_PCI_COMMON_Q_ENABLE, VIRTIO_PCI_COMMON_Q_NOFF, VIRTIO_PCI_COMMON_Q_DESCLO,
	       VIRTIO_PCI_COMMON_Q_DESCHI, VIRTIO_PCI_COMMON_Q_AVAILLO, VIRTIO_PCI_COMMON_Q_AVAILHI,
	       VIRTIO_PCI_COMMON_Q_USEDLO, VIRTIO_PCI_COMMON_Q_USEDHI, VIRTIO_PCI_COMMON_Q_NDATA,
	       VIRTIO_PCI_COMMON_Q_RESET);
#ifndef VIRTIO_PCI_NO_LEGACY
	printf("legacy %d %d %d %d %d %d %d %d %d %d shift %d align %d abi %d\n", VIRTIO_PCI_HOST_FEATURES,
	       VIRTIO_PCI_GUEST_FEATURES, VIRTIO_PCI_QUEUE_PFN, VIRTIO_PCI_QUEUE_NUM, VIRTIO_PCI_QUEUE_SEL,
	       VIRTIO_PCI_QUEUE_NOTIFY, VIRTIO_PCI_STATUS, VIRTIO_PCI_ISR, VIRTIO_MSI_CONFIG_VECTOR,
	       VIRTIO_MSI_QUEUE_VECTOR, VIRTIO_PCI_QUEUE_ADDR_SHIFT, VIRTIO_PCI_VRING_ALIGN, VIRTIO_PCI_ABI_VERSION);
#endif
	return 0;
}
