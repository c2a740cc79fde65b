import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PARTNER_ROLES, VENDOR_ROLES } from './roles';
import type { PartnerRole, VendorRole } from './roles';

class InviteBase {
  @ApiProperty({ example: 'jane@northwind-it.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Jane Doe' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;
}

export class InvitePartnerUserDto extends InviteBase {
  @ApiProperty({ enum: PARTNER_ROLES })
  @IsIn(PARTNER_ROLES)
  role!: PartnerRole;
}

export class InviteVendorUserDto extends InviteBase {
  @ApiProperty({ enum: VENDOR_ROLES })
  @IsIn(VENDOR_ROLES)
  role!: VendorRole;
}
