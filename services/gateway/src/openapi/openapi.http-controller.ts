import { Controller, Get, Header } from '@nestjs/common';
import { renderDocsPage } from './docs.page';
import { openApiDocument, type OpenApiDocument } from './openapi.document';

@Controller('api/docs')
export class OpenApiHttpController {
  private readonly document: OpenApiDocument = openApiDocument();
  private readonly page = renderDocsPage(this.document);

  @Get('openapi.json')
  openApi(): OpenApiDocument {
    return this.document;
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return this.page;
  }
}
