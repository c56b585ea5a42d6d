import { Controller, Header } from '@nestjs/common';
import { Route } from '../routes/route';
import { renderDocsPage } from './docs.page';
import { openApiDocument, type OpenApiDocument } from './openapi.document';
import { OpenApiRoutes } from './openapi.routes';

@Controller()
export class OpenApiHttpController {
  private readonly document: OpenApiDocument = openApiDocument();
  private readonly page = renderDocsPage(this.document);

  @Route(OpenApiRoutes.document)
  openApi(): OpenApiDocument {
    return this.document;
  }

  @Route(OpenApiRoutes.page)
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return this.page;
  }
}
