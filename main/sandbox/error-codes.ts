/**
 * The A.2 error-code table: code -> HTTP status and message. Generated from
 * docs/ecs-api/error-codes.tsv by scripts/gen-error-codes.mjs; edit those, not this file.
 */

/** One A.2 row: the HTTP status the document gives and the message it prints. */
export interface ErrorCodeRow {
  status: number;
  message: string;
}

/** Every code in A.2 keyed by code (e.g. `Ecs.0005`). */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeRow>> = {
  'Ecs.0000': { status: 400, message: 'Request error. Try again later or contact customer service.' },
  'Ecs.0001': { status: 400, message: 'Insufficient ECS quota. Contact customer service to increase quota.' },
  'Ecs.0002': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0003': {
    status: 403,
    message:
      'You do not have permission to perform this operation. Contact customer service to obtain permission.',
  },
  'Ecs.0004': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0005': { status: 400, message: 'Invalid parameter values. Contact customer service.' },
  'Ecs.0007': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0008': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0009': { status: 400, message: 'Another flavor must be used for resizing.' },
  'Ecs.0010': {
    status: 400,
    message: 'The private IP address is already being used. Select another IP address.',
  },
  'Ecs.0011': { status: 400, message: 'Ensure the password meets the password complexity requirements.' },
  'Ecs.0012': {
    status: 400,
    message:
      'The subnet does not contain enough IP addresses. Release some IP addresses or select a different subnet.',
  },
  'Ecs.0013': {
    status: 400,
    message: 'The current EIP quota limit has been reached. Apply to increase the quota.',
  },
  'Ecs.0014': { status: 400, message: 'Incorrect VPC, subnet, or security group parameter values.' },
  'Ecs.0015': {
    status: 400,
    message: 'Invalid disk type for this type of ECS. Select a valid disk type and try again.',
  },
  'Ecs.0017': {
    status: 400,
    message:
      'The status of the selected disk does not meet the attachment requirements on the ECS. Select an available disk for attaching.',
  },
  'Ecs.0021': {
    status: 400,
    message: 'Insufficient EVS disk quota. Contact customer service to increase quota.',
  },
  'Ecs.0022': {
    status: 400,
    message: 'Insufficient ECS group quota. Contact customer service to increase quota.',
  },
  'Ecs.0023': { status: 400, message: 'project_id in token mismatches with project_id in url.' },
  'Ecs.0025': { status: 400, message: 'EVS is not authorized to obtain KMS keys for encrypting EVS disks.' },
  'Ecs.0027': { status: 400, message: 'The ECSs of this flavor cannot be created.' },
  'Ecs.0028': { status: 400, message: 'The ECSs of this flavor cannot be created.' },
  'Ecs.0029': { status: 400, message: 'The flavor does not exist.' },
  'Ecs.0030': {
    status: 400,
    message: 'The ECS has been frozen and does not support specifications modification.',
  },
  'Ecs.0031': { status: 400, message: 'The image does not exist.' },
  'Ecs.0032': { status: 400, message: 'The image is not in Active state.' },
  'Ecs.0034': { status: 400, message: 'The full-ECS backup does not exist or has been deleted.' },
  'Ecs.0036': { status: 400, message: 'The flavor does not support automatic recovery.' },
  'Ecs.0037': { status: 400, message: 'The flavor does not support SCSI disks.' },
  'Ecs.0038': { status: 400, message: 'The subnet does not exist.' },
  'Ecs.0039': { status: 400, message: 'The specified IP address does not belong to the subnet.' },
  'Ecs.0041': { status: 400, message: 'Invalid description field.' },
  'Ecs.0042': {
    status: 400,
    message: 'The number of attached data disks exceeds the maximum allowed limit.',
  },
  'Ecs.0043': { status: 400, message: 'The disk type does not exist.' },
  'Ecs.0044': { status: 400, message: 'The disk of this type has been sold out.' },
  'Ecs.0045': { status: 400, message: 'The bandwidth exceeds the maximum allowed limit.' },
  'Ecs.0046': {
    status: 400,
    message:
      'When creating an ECS using an image, ensure that the type of the attached data disk is the same as that required by the image.',
  },
  'Ecs.0048': {
    status: 400,
    message:
      'Ensure that the image status is Normal and that the status of the CSBS backup associated with the image is Available or Creating, and try again later.',
  },
  'Ecs.0050': { status: 400, message: 'The number of NICs attached to the ECS exceeds the quota.' },
  'Ecs.0051': { status: 400, message: 'Only SCSI disks can be attached to the ECSs of this flavor.' },
  'Ecs.0052': { status: 400, message: 'Only SCSI system disks can be attached to the ECSs of this flavor.' },
  'Ecs.0053': { status: 400, message: 'Only SCSI data disks can be attached to the ECSs of this flavor.' },
  'Ecs.0057': {
    status: 400,
    message: 'The disk has already been attached to the ECS and you cannot repeatedly attach it.',
  },
  'Ecs.0058': {
    status: 400,
    message: 'You do not have permission to use a third-party image to create ECSs.',
  },
  'Ecs.0062': { status: 400, message: 'The flavor does not support the driver mode.' },
  'Ecs.0064': {
    status: 400,
    message: 'The VPC ID in the request is inconsistent with that in the main subnet ID.',
  },
  'Ecs.0066': {
    status: 403,
    message: 'This operation cannot be performed because real-name authentication has not been completed.',
  },
  'Ecs.0067': { status: 403, message: 'Insufficient account balance.' },
  'Ecs.0068': { status: 403, message: 'This operation cannot be performed by partners.' },
  'Ecs.0069': { status: 403, message: 'You have not associated a payment method with your account.' },
  'Ecs.0070': {
    status: 403,
    message: 'Insufficient budget. Contact the enterprise administrator and request for a budget increase.',
  },
  'Ecs.0071': {
    status: 403,
    message: 'This operation cannot be performed because your account has been suspended.',
  },
  'Ecs.0073': {
    status: 400,
    message: 'The system disk is being backed up. Wait until the execution is complete and try again.',
  },
  'Ecs.0074': { status: 400, message: 'Window images do not support external users.' },
  'Ecs.0075': { status: 400, message: 'Partners only support Windows images.' },
  'Ecs.0085': { status: 400, message: 'The server does not have the interface.' },
  'Ecs.0086': { status: 400, message: 'The interface is not the primary interface.' },
  'Ecs.0090': {
    status: 400,
    message: 'Image license type is BYOL, the BYOL feature is not supported at this time.',
  },
  'Ecs.0100': {
    status: 400,
    message: 'The ECS status does not meet requirements. Make the ECS in the required status and try again.',
  },
  'Ecs.0101': {
    status: 400,
    message: 'The system disk is currently unresponsive. Try again later or contact customer service.',
  },
  'Ecs.0102': {
    status: 400,
    message: 'The data disk is currently unresponsive. Try again later or contact customer service.',
  },
  'Ecs.0103': {
    status: 400,
    message:
      'The disk can be attached to a server only if it exists and the state must be in the available. Make sure the disk state is available and try again.',
  },
  'Ecs.0104': {
    status: 400,
    message:
      'The number of EVS disks that can be attached to the ECS exceeds the maximum number allowed. Decrease the number of EVS disks to be attached and try again.',
  },
  'Ecs.0105': {
    status: 400,
    message: 'No system disk found. Attach the system disk to the ECS and try again.',
  },
  'Ecs.0106': {
    status: 400,
    message: 'A network exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0110': { status: 403, message: 'Contact the main account to obtain permission.' },
  'Ecs.0111': {
    status: 400,
    message: 'The EVS disk has been detached from the ECS. Refresh the disk list and check the disk.',
  },
  'Ecs.0114': { status: 404, message: 'The ECS does not exist.' },
  'Ecs.0118': { status: 400, message: 'The number of ECSs exceeds the maximum allowed limit.' },
  'Ecs.0119': {
    status: 400,
    message: 'An encrypted disk with an unavailable key cannot be attached to an ECS.',
  },
  'Ecs.0121': {
    status: 400,
    message:
      'The disk cannot be attached to the ECS because the disk and the ECS are in different failure domains.',
  },
  'Ecs.0201': {
    status: 400,
    message: 'Failed to create the NIC. Try again later or contact customer service.',
  },
  'Ecs.0202': {
    status: 400,
    message: 'Failed to create the system disk. Try again later or contact customer service.',
  },
  'Ecs.0203': {
    status: 400,
    message: 'Failed to create the data disk. Try again later or contact customer service.',
  },
  'Ecs.0204': {
    status: 400,
    message: 'Failed to create the ECS. Try again later or contact customer service.',
  },
  'Ecs.0205': {
    status: 400,
    message: 'Failed to attach the data disk. Try again later or contact customer service.',
  },
  'Ecs.0207': {
    status: 400,
    message: 'Failed to modify the ECS specifications. Try again later or contact customer service.',
  },
  'Ecs.0208': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0209': {
    status: 400,
    message: 'Failed to modify the ECS specifications. Try again or contact customer service.',
  },
  'Ecs.0210': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0211': {
    status: 400,
    message: 'Failed to create the NIC. Try again later or contact customer service.',
  },
  'Ecs.0212': {
    status: 400,
    message: 'Failed to assign the private IP address. Try again later or contact customer service.',
  },
  'Ecs.0213': {
    status: 400,
    message: 'Failed to update the port attributes. Try again later or contact customer service.',
  },
  'Ecs.0214': {
    status: 400,
    message: 'Failed to create the network. Try again later or contact customer service.',
  },
  'Ecs.0216': {
    status: 400,
    message: 'Failed to create the subnet. Try again later or contact customer service.',
  },
  'Ecs.0217': {
    status: 400,
    message: 'Failed to attach the NIC. Try again later or contact customer service.',
  },
  'Ecs.0219': {
    status: 400,
    message: 'Failed to create the ECS. Try again later or contact customer service.',
  },
  'Ecs.0221': {
    status: 400,
    message: 'Cold migration from a dedicated host to the same dedicated host is not supported.',
  },
  'Ecs.0226': { status: 400, message: 'Failed to start.' },
  'Ecs.0227': { status: 400, message: 'Failed to reboot.' },
  'Ecs.0301': {
    status: 400,
    message: 'Failed to query the ECS. Try again later or contact customer service.',
  },
  'Ecs.0302': {
    status: 400,
    message: 'Failed to query the ECS quota of the tenant. Try again later or contact customer service.',
  },
  'Ecs.0303': {
    status: 400,
    message: 'Failed to query the ECS specifications. Try again later or contact customer service.',
  },
  'Ecs.0304': {
    status: 400,
    message: 'Failed to query the image. Try again later or contact customer service.',
  },
  'Ecs.0306': {
    status: 400,
    message: 'Failed to query the backup. Try again later or contact customer service.',
  },
  'Ecs.0307': {
    status: 400,
    message: 'Failed to query the port. Try again later or contact customer service.',
  },
  'Ecs.0308': {
    status: 400,
    message: 'Failed to query the ECS quota of the tenant. Try again later or contact customer service.',
  },
  'Ecs.0309': {
    status: 400,
    message: 'Failed to create the NIC. Try again later or contact customer service.',
  },
  'Ecs.0310': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.0311': {
    status: 400,
    message: 'Failed to obtain the disk type. Try again later or contact customer service.',
  },
  'Ecs.0313': { status: 400, message: 'ECS group query failed.' },
  'Ecs.0314': {
    status: 400,
    message: 'The key pair does not exist. Refresh the key pair list and check key pair',
  },
  'Ecs.0315': { status: 400, message: 'Failed to call the nova API to query the auto recovery status.' },
  'Ecs.0319': { status: 400, message: 'Insufficient resources for this flavor. Try another flavor.' },
  'Ecs.0320': { status: 400, message: 'AZ query failed.' },
  'Ecs.0321': { status: 400, message: 'Console logs query failed.' },
  'Ecs.0322': { status: 400, message: 'Subnet query failed.' },
  'Ecs.0323': { status: 400, message: 'Failed to query the NIC attached to the ECS.' },
  'Ecs.0401': {
    status: 400,
    message: 'Failed to release the port. Try again later or contact customer service.',
  },
  'Ecs.0402': {
    status: 400,
    message: 'Failed to release the system disk. Try again later or contact customer service.',
  },
  'Ecs.0403': {
    status: 400,
    message: 'Failed to release the ECS. Try again later or contact customer service.',
  },
  'Ecs.0405': {
    status: 400,
    message: 'Failed to release the data disk. Try again later or contact customer service.',
  },
  'Ecs.0501': {
    status: 400,
    message: 'Failed to delete the ECS. Try again later or contact customer service.',
  },
  'Ecs.0502': {
    status: 400,
    message: 'Failed to delete the private IP address. Try again later or contact customer service.',
  },
  'Ecs.0503': {
    status: 400,
    message: 'Failed to obtain the system disk. Try again later or contact customer service.',
  },
  'Ecs.0507': {
    status: 400,
    message: 'Failed to delete the NIC. Try again later or contact customer service.',
  },
  'Ecs.0603': { status: 501, message: 'The commands are being executed. Try again later.' },
  'Ecs.0605': { status: 400, message: 'ECS locked.' },
  'Ecs.0611': { status: 400, message: 'Batch operation failed.' },
  'Ecs.0614': { status: 404, message: 'The ECS does not exist.' },
  'Ecs.0615': { status: 500, message: 'The thread list is empty.' },
  'Ecs.0616': { status: 400, message: 'Failed to update the ECS name.' },
  'Ecs.0617': {
    status: 400,
    message: 'Failed to modify attribute. Please try again later or contact customer service.',
  },
  'Ecs.0618': { status: 400, message: 'Failed to change the IP address of the ECS NIC.' },
  'Ecs.0707': { status: 400, message: 'The product has not been registered.' },
  'Ecs.0803': {
    status: 400,
    message: 'When modifying the specifications of an ECS created on a DeH, specify the DeH.',
  },
  'Ecs.0810': { status: 400, message: 'The ECS flavor is the same as the target flavor.' },
  'Ecs.0811': { status: 400, message: 'Install the required drivers on the ECS and then change Xen to KVM.' },
  'Ecs.0904': { status: 400, message: 'UEFI images cannot be used to create Xen ECSs.' },
  'Ecs.0905': { status: 400, message: 'The number of tags exceeds the maximum allowed limit.' },
  'Ecs.0906': { status: 400, message: 'Failed to comply with tag character set specifications.' },
  'Ecs.0907': { status: 400, message: 'Invalid tag character set.' },
  'Ecs.0908': { status: 400, message: 'The tag key cannot be duplicate.' },
  'Ecs.0909': { status: 400, message: 'The flavor does not support the disk type.' },
  'Ecs.0910': { status: 400, message: 'Invalid NIC settings for creating a HANA ECS.' },
  'Ecs.0911': { status: 400, message: 'Invalid dedicated storage type of the disk.' },
  'Ecs.0912': { status: 400, message: 'Invalid disk encryption key.' },
  'Ecs.0913': { status: 400, message: 'The number of ECSs to be created exceeds the maximum allowed limit' },
  'Ecs.0914': { status: 400, message: 'The length of the ECS name exceeds the maximum allowed limit.' },
  'Ecs.0915': { status: 400, message: 'The length of the ECS name exceeds the maximum allowed limit.' },
  'Ecs.0919': { status: 400, message: 'The NIC has been attached to another instance.' },
  'Ecs.1000': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.1001': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.1002': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.1100': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.1200': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.1201': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Ecs.1300': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Pdp.0001': { status: 403, message: 'Policy does not allow %s to be performed.' },
  'Common.0024': { status: 202, message: 'exceeds flow over limit' },
  'Common.0002': { status: 400, message: 'The request body cannot be left blank.' },
  'Common.0011': { status: 400, message: 'Failed to query system tasks.' },
  'Common.0018': { status: 400, message: 'The project ID in the URL is different from that in the token.' },
  'Common.0020': {
    status: 400,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Common.0021': { status: 400, message: 'Subjob fails.' },
  'Common.0022': { status: 400, message: 'Mission fails.' },
  'Common.0999': { status: 400, message: 'The system was broken, exit.' },
  'Common.0025': { status: 400, message: 'Query job Error because %s.' },
  'Common.0026': { status: 400, message: 'Fail to get Region Info' },
  'Common.0013': { status: 401, message: 'Invalid token.' },
  'Common.0001': {
    status: 500,
    message: 'A system exception occurred. Try again later or contact customer service.',
  },
  'Common.1503': { status: 429, message: 'Api flow control Error because %s.' },
};
